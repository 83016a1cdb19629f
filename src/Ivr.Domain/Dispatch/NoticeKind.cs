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

    /// <summary>
    /// To the supervisor: the service has not reached one of its phone servers for a while, so calls that server would
    /// carry are not answered by it. <see cref="Notice.Detail"/> names the server and how it stands. Never posted to a webhook.
    /// </summary>
    PhoneServerDown,

    /// <summary>To the supervisor: the phone server is reached again after a <see cref="PhoneServerDown"/>. Never posted to a webhook.</summary>
    PhoneServerRestored,
}
