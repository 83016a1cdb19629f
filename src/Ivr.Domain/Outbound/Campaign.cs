namespace Ivr.Domain.Outbound;

/// <summary>
/// An outbound campaign of a practice (issue 16): whom to call (its patients, stored apart), what a person hears
/// (<see cref="Words"/>, the same for everyone on the list, so it holds no one patient's data), and the rules every
/// call obeys. Its state changes only through <see cref="CampaignStates"/>.
/// </summary>
public sealed record Campaign
{
    public long Id { get; init; }

    public required string PracticeId { get; init; }

    /// <summary>What staff call it in the portal ("Dr. Rivera out Friday December 4").</summary>
    public required string Title { get; init; }

    public CampaignKind Kind { get; init; } = CampaignKind.Cancellation;

    /// <summary>The message a person hears after the practice's name, typed by staff and spoken with text-to-speech.</summary>
    public required string Words { get; init; }

    /// <summary>The office number a voicemail and the email give, digits only (said digit by digit).</summary>
    public required string CallbackNumber { get; init; }

    public CampaignState State { get; init; } = CampaignState.Draft;

    public CallingRules Rules { get; init; } = CallingRules.Default;

    public RetryRules Retry { get; init; } = RetryRules.Default;

    /// <summary>At most this many of the campaign's calls at once (default 4); the service's outbound share caps it further.</summary>
    public int MaxChannels { get; init; } = 4;

    /// <summary>The patients' time zone (IANA): the practice's unless the campaign says otherwise.</summary>
    public required string TimeZone { get; init; }

    /// <summary>When the campaign stops calling and its email links stop working, whoever is left unconfirmed.</summary>
    public required DateTimeOffset EndsBy { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}

public enum CampaignKind
{
    /// <summary>The appointment is cancelled; a person confirms they heard it.</summary>
    Cancellation,

    /// <summary>The appointment must move: a person picks one of the open slots.</summary>
    Reschedule,

    /// <summary>A plain notice to confirm.</summary>
    Notice,
}

public enum CampaignState
{
    /// <summary>Being prepared: nobody is called.</summary>
    Draft,

    Running,

    /// <summary>Staff paused it: nobody is called until resumed; calls in progress finish.</summary>
    Paused,

    /// <summary>Staff cancelled it: nobody is called again.</summary>
    Cancelled,

    /// <summary>Everyone confirmed or out of attempts, or <see cref="Campaign.EndsBy"/> passed.</summary>
    Finished,
}
