namespace Ivr.Domain.Dispatch;

/// <summary>What a notice announces.</summary>
public enum NoticeKind
{
    /// <summary>An urgent message waits for the on-call clinician.</summary>
    UrgentMessageWaiting,

    /// <summary>The practice's morning report: routine messages wait for the staff.</summary>
    MorningReport,

    /// <summary>The summary of a call an operator patched to the clinician waits for them to read and acknowledge.</summary>
    PatchSummary,

    /// <summary>
    /// To a patient of an outbound campaign: their appointment changed, a link to confirm, and the practice's number.
    /// Never posted to a webhook.
    /// </summary>
    CampaignConfirmation,

    /// <summary>
    /// To the supervisor: the service's line to the public phone network is down, so phone numbers (clinicians' cells,
    /// patients' callbacks) cannot be dialled. <see cref="Notice.Detail"/> says how it stands. Never posted to a webhook.
    /// </summary>
    OutsideLineDown,

    /// <summary>To the supervisor: the outside line is back after an <see cref="OutsideLineDown"/>. Never posted to a webhook.</summary>
    OutsideLineRestored,
}
