namespace Ivr.Domain.Flow;

/// <summary>Nobody listening: what a flow reports to when no live view is wired up (tests, the simulator).</summary>
public sealed class NoCallProgress : ICallProgress
{
    public static NoCallProgress Instance { get; } = new();

    public void Started(CallSession session)
    {
    }

    public void Entered(CallSession session, CallState state)
    {
    }

    public void Ended(CallSession session)
    {
    }
}
