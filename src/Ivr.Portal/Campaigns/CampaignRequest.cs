namespace Ivr.Portal.Campaigns;

/// <summary>
/// A new campaign as staff typed it, from the form or the JSON API: kept as typed (times and the list as text), so a
/// refused one comes back to be fixed, and read into a campaign by <see cref="CampaignDraft"/>.
/// </summary>
public sealed class CampaignRequest
{
    public string? PracticeId { get; set; }

    public string? Title { get; set; }

    /// <summary><c>cancellation</c>, <c>reschedule</c> or <c>notice</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>The words a person hears after the practice's name.</summary>
    public string? Words { get; set; }

    /// <summary>The office number the voicemail gives.</summary>
    public string? CallbackNumber { get; set; }

    /// <summary>The last day of calling, <c>yyyy-MM-dd</c> on the practice's clock: calls stop at its end.</summary>
    public string? EndsBy { get; set; }

    /// <summary>A calling window's start, within the practice's, <c>HH:mm</c> on the patient's clock; empty for the practice's (08:00 unless the practice set its own).</summary>
    public string? WindowStart { get; set; }

    /// <summary>A calling window's end, within the practice's, <c>HH:mm</c>; empty for the practice's (21:00 unless it set its own).</summary>
    public string? WindowEnd { get; set; }

    /// <summary>Calls a day to one number, at most the practice's; empty for the practice's (one by default).</summary>
    public string? MaxPerDay { get; set; }

    /// <summary>Calls in any seven days to one number, at most the practice's; empty for the practice's (three by default).</summary>
    public string? MaxPerWeek { get; set; }

    /// <summary>Calls of the campaign at once, 1 to the practice's; empty for the practice's (4 by default).</summary>
    public string? MaxChannels { get; set; }

    /// <summary>The patient list as CSV text (typed, or an uploaded file's content).</summary>
    public string? List { get; set; }

    /// <summary>The uploaded file's name, for the errors' <c>FILE:LINE</c>; empty for a typed list.</summary>
    public string? ListName { get; set; }

    /// <summary>Reschedule campaigns: the open slots, one a line, <c>yyyy-MM-dd HH:mm[, clinician]</c>.</summary>
    public string? Slots { get; set; }
}
