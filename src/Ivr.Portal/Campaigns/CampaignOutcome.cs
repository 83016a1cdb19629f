using Ivr.Domain.Outbound;

namespace Ivr.Portal.Campaigns;

/// <summary>What a change to a campaign came to.</summary>
public enum CampaignOutcomeStatus
{
    Done,

    NotFound,

    /// <summary>A campaign of a practice the user may not run (a 403, audited).</summary>
    Denied,

    /// <summary>What was asked for cannot be (a list with bad rows, a pause of a draft): see <see cref="CampaignOutcome.Errors"/>.</summary>
    Refused,

    /// <summary>The preview's speech is not running in this host.</summary>
    Unavailable,
}

/// <summary>What a change to a campaign came to: the campaign as it is now when it was done, and what was wrong in words when refused.</summary>
/// <param name="Status">Done, refused, denied, not found.</param>
/// <param name="Campaign">The campaign after the change.</param>
/// <param name="Errors">Why it was refused, each in words.</param>
public sealed record CampaignOutcome(CampaignOutcomeStatus Status, Campaign? Campaign = null, IReadOnlyList<string>? Errors = null)
{
    public IReadOnlyList<string> ErrorList => Errors ?? [];

    public static CampaignOutcome Of(CampaignOutcomeStatus status) => new(status);

    public static CampaignOutcome Refused(params string[] errors) => new(CampaignOutcomeStatus.Refused, null, errors);
}
