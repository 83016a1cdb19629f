namespace Ivr.Server.Tests.Support;

/// <summary>A clock that moves only when told to (the time-testing package is not in our registry).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
