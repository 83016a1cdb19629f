namespace Ivr.Domain.Outbound;

/// <summary>
/// One call to a campaign's patient, on its own record: when, how it ended, what Asterisk's AMD() said
/// (<c>AMDSTATUS</c> and <c>AMDCAUSE</c>), the calling policy's decision that let it go (<see cref="Rule"/>,
/// <see cref="Why"/>), and staff's label of the AMD result (<see cref="AmdLabel"/>: null unlabelled, or
/// <see cref="AmdLabels.Right"/> / <see cref="AmdLabels.Wrong"/>).
/// </summary>
public sealed record CampaignAttempt(
    long Id,
    long CampaignId,
    long PatientId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    AttemptResult? Result,
    string? AmdStatus,
    string? AmdCause,
    string Rule,
    string Why,
    string? Detail,
    string? AmdLabel);

/// <summary>Staff's verdict on an attempt's AMD result.</summary>
public static class AmdLabels
{
    public const string Right = "right";
    public const string Wrong = "wrong";
}
