namespace Ivr.Domain.Messages;

/// <summary>
/// A message moved to <paramref name="To"/>: from which status (null when it has just arrived), when,
/// by whom (a clinician id, "caller", "dispatcher", a portal user) and how. <paramref name="From"/>
/// equal to <paramref name="To"/> is a remark: something was done and the message stayed where it was.
/// <paramref name="Note"/> is what the person who made it wrote (how the patient was helped): it may
/// hold patient data, so a store keeps it encrypted, never beside the plain <paramref name="Detail"/>.
/// </summary>
public sealed record MessageTransition(MessageStatus? From, MessageStatus To, string By, DateTimeOffset At, string Detail, string? Note = null)
{
    /// <summary>Acknowledged or resolved: no dispatch step may run for the message again.</summary>
    public bool StopsDispatch => To >= MessageStatus.Acknowledged;
}
