namespace Ivr.Domain.Flow;

/// <summary>
/// Hears where each call stands while it runs (the portal's live view). Called on the call's own
/// flow, so it must return at once and never throw; it keeps nothing the call record does not.
/// </summary>
public interface ICallProgress
{
    /// <summary>The call's session opened: practice and caller are known.</summary>
    void Started(CallSession session);

    /// <summary>The flow entered <paramref name="state"/>.</summary>
    void Entered(CallSession session, CallState state);

    /// <summary>The flow finished with the call (the caller may still be on the line, e.g. in the safety net).</summary>
    void Ended(CallSession session);
}
