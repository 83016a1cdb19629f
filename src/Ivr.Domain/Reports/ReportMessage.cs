namespace Ivr.Domain.Reports;

/// <summary>One message as the reports see it: when it arrived, was acknowledged and resolved, and how many voice-page steps it took.</summary>
public sealed record ReportMessage(string PracticeId, DateTimeOffset ReceivedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, int VoiceSteps)
{
    /// <summary>Escalated: the first clinician paged did not acknowledge, so a later step paged again.</summary>
    public bool Escalated => VoiceSteps > 1;
}
