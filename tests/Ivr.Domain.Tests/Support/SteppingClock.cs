namespace Ivr.Domain.Tests.Support;

/// <summary>A clock that moves one second each time it is read, so timelines have distinct, known times.</summary>
public sealed class SteppingClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
