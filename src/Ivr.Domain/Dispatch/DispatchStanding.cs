namespace Ivr.Domain.Dispatch;

/// <summary>
/// Where a message's dispatch stands and whether a process holds it: a stopped dispatch that no one
/// holds will never start another step.
/// </summary>
public sealed record DispatchStanding(DispatchState State, bool Leased)
{
    /// <summary>No step runs and none can start.</summary>
    public bool AtRest => !Leased && State == DispatchState.Stopped;
}
