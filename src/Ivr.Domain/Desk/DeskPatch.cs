namespace Ivr.Domain.Desk;

/// <summary>A patch to the on-call chain as the operator follows it live.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="Steps">Each clinician rung so far, in order.</param>
public sealed record DeskPatch(DeskPatchState State, IReadOnlyList<DeskPatchStep> Steps);

/// <summary>One clinician rung by a patch: who, and what came of it ("ringing", "accepted", "declined", "no-answer", ...).</summary>
public sealed record DeskPatchStep(int Attempt, string ClinicianId, string Result);

/// <summary>Where a patch stands.</summary>
public enum DeskPatchState
{
    /// <summary>The chain is being rung.</summary>
    Ringing,

    /// <summary>A clinician pressed 1 and is in the call.</summary>
    Connected,

    /// <summary>Nobody in the chain accepted; the operator and the caller are still together.</summary>
    Exhausted,
}
