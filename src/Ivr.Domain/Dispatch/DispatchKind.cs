namespace Ivr.Domain.Dispatch;

/// <summary>How a message reaches a clinician: paged up the chain at once, or in the practice's morning report.</summary>
public enum DispatchKind
{
    Escalation,
    Report,
}
