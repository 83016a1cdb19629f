namespace Ivr.Domain.Flow;

/// <summary>How a call ended. Stored and shown as its word (<see cref="CallOutcomes.Word"/>).</summary>
public enum CallOutcome
{
    /// <summary>Still running, or ended without the flow deciding.</summary>
    Unknown,

    MessageTaken,

    /// <summary>The caller talked with a clinician.</summary>
    Connected,

    /// <summary>The office took the call before the service answered.</summary>
    OfficeAnswered,

    CallerHungUp,

    /// <summary>The flow could not go on; the dialplan's safety net took over.</summary>
    Failed,

    /// <summary>The service was unreachable or stopped mid-call; Asterisk's safety net took the message.</summary>
    SafetyNet,

    /// <summary>
    /// The practice has no business associate agreement recorded: the caller heard the emergency instruction
    /// only (and was put through to the practice's emergency fallback, if it has one); nothing of them was kept.
    /// </summary>
    NoAgreement,

    /// <summary>An operator handled the call without a message or a patch (e.g. answered a question).</summary>
    OperatorHandled,

    /// <summary>
    /// The caller was handed to another service process's desk (<see cref="CallSession.DeskAt"/>). That process writes the
    /// call's outcome over this one when it finishes; this one stays only when the hand-off never arrived (the dialplan's
    /// safety net then took the caller's message).
    /// </summary>
    HandedOver,
}
