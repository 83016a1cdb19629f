namespace Ivr.Domain.Dispatch;

/// <summary>How a message reaches a clinician: paged up the chain at once, in the practice's morning report, or, for a patched call's summary, a notice to its one clinician.</summary>
public enum DispatchKind
{
    /// <summary>Pages the on-call chain by the practice's policy until someone acknowledges.</summary>
    Escalation,

    /// <summary>Waits for the practice's morning report.</summary>
    Report,

    /// <summary>The morning report went out (or had no one to go to): unacknowledged when the step falls due, the message becomes an <see cref="Escalation"/>.</summary>
    ReportFollowUp,

    /// <summary>A patched call's summary: one email notice to the clinician it is for (and the practice's webhook), no page, no escalation.</summary>
    Summary,
}
