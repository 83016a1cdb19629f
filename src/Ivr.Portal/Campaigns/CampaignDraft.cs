using System.Globalization;
using Ivr.Data.Outbound;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// A <see cref="CampaignRequest"/> read into a campaign, its patients and its slots, or every reason it cannot be
/// (each in words, the list's and the slots' as <c>FILE:LINE: what</c>): nothing is saved until all of it holds.
/// The patients' zone is the practice's; what the request leaves empty comes from the practice's outbound settings
/// (<see cref="Practice.Outbound"/>), and a campaign may be tighter than those but never looser.
/// </summary>
/// <param name="Campaign">The campaign to save as a draft; null when there are errors.</param>
/// <param name="Patients">The list's patients.</param>
/// <param name="Slots">Reschedule campaigns' open slots on the practice's clock, soonest first.</param>
/// <param name="Errors">What is wrong; empty when the campaign can be saved.</param>
public sealed record CampaignDraft(Campaign? Campaign, IReadOnlyList<CampaignPatient> Patients, IReadOnlyList<(DateTime StartsAt, string? Clinician)> Slots, IReadOnlyList<string> Errors)
{
    public const int MaxTitle = 120;

    /// <summary>The name the errors give a typed list.</summary>
    public const string TypedList = "list";

    public static CampaignDraft Read(CampaignRequest request, Practice practice, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(practice);
        var errors = new List<string>();
        var clock = practice.Clock();

        var title = (request.Title ?? string.Empty).Trim();
        if (title.Length == 0)
        {
            errors.Add("the title is empty");
        }
        else if (title.Length > MaxTitle || title.Any(char.IsControl))
        {
            errors.Add($"the title is longer than {MaxTitle} characters or holds control characters");
        }

        CampaignKind? kind = (request.Kind ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "cancellation" => CampaignKind.Cancellation,
            "reschedule" => CampaignKind.Reschedule,
            "notice" => CampaignKind.Notice,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add($"the kind is cancellation, reschedule or notice, not '{request.Kind}'");
        }

        var words = (request.Words ?? string.Empty).Trim();
        if (CampaignScript.Check(words) is { } wrongWords)
        {
            errors.Add(wrongWords);
        }

        var callback = new string((request.CallbackNumber ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (callback.Length is < 7 or > 15 || (request.CallbackNumber ?? string.Empty).Any(c => !char.IsAsciiDigit(c) && !" +-().".Contains(c, StringComparison.Ordinal)))
        {
            errors.Add($"the callback number '{request.CallbackNumber}' is not a phone number (7 to 15 digits)");
        }

        DateTimeOffset? endsBy = null;
        if (!DateOnly.TryParseExact((request.EndsBy ?? string.Empty).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastDay))
        {
            errors.Add($"the last day of calling '{request.EndsBy}' is not a date written yyyy-MM-dd");
        }
        else if ((endsBy = clock.Instant(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue))) <= now)
        {
            errors.Add($"the last day of calling {lastDay:yyyy-MM-dd} is past");
        }

        var allowed = practice.Outbound;
        var rules = Rules(request, allowed.Rules, errors);
        if (rules is not null && allowed.Looser(rules, channels: allowed.MaxChannels) is { } looserRules)
        {
            errors.Add(looserRules);
        }

        var before = errors.Count;
        var channels = Number(request.MaxChannels, allowed.MaxChannels, "calls at once", errors);
        if (errors.Count == before && channels < OutboundSettings.MinChannels)
        {
            errors.Add($"calls at once is a whole number from {OutboundSettings.MinChannels} to the practice's {allowed.MaxChannels}, not {channels}");
        }
        else if (errors.Count == before && allowed.Looser(allowed.Rules, channels) is { } looserChannels)
        {
            errors.Add(looserChannels);
        }

        IReadOnlyList<CampaignPatient> patients = [];
        var name = string.IsNullOrWhiteSpace(request.ListName) ? TypedList : Path.GetFileName(request.ListName.Trim());
        if (string.IsNullOrWhiteSpace(request.List))
        {
            errors.Add("the patient list is empty: upload a CSV file or type it (a first line naming the columns name, phone, and optionally email, appointment, clinician)");
        }
        else
        {
            try
            {
                patients = CampaignListReader.Read(new StringReader(request.List), name);
            }
            catch (CampaignListException list)
            {
                errors.AddRange(list.Errors);
            }
        }

        IReadOnlyList<(DateTime, string?)> slots = [];
        if (kind == CampaignKind.Reschedule)
        {
            slots = CampaignSlotsReader.Read(request.Slots, clock.Local(now), errors);
            if (slots.Count == 0 && !errors.Any(e => e.StartsWith("slots:", StringComparison.Ordinal)))
            {
                errors.Add("a reschedule campaign needs open slots to offer, one a line: yyyy-MM-dd HH:mm, clinician");
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.Slots))
        {
            errors.Add("only reschedule campaigns offer slots: choose reschedule or leave the slots empty");
        }

        if (errors.Count > 0)
        {
            return new CampaignDraft(null, [], [], errors);
        }

        var campaign = new Campaign
        {
            PracticeId = practice.Id,
            Title = title,
            Kind = kind!.Value,
            Words = words,
            CallbackNumber = callback,
            Rules = rules!,
            Retry = allowed.Retry,
            MaxChannels = channels,
            TimeZone = practice.TimeZone,
            EndsBy = endsBy!.Value,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        return new CampaignDraft(campaign, patients, slots, []);
    }

    private static CallingRules? Rules(CampaignRequest request, CallingRules practice, List<string> errors)
    {
        var before = errors.Count;
        var start = Time(request.WindowStart, practice.WindowStart, "the calling window's start", errors);
        var end = Time(request.WindowEnd, practice.WindowEnd, "the calling window's end", errors);
        var day = Number(request.MaxPerDay, practice.MaxPerDay, "calls a day", errors);
        var week = Number(request.MaxPerWeek, practice.MaxPerWeek, "calls a week", errors);
        if (errors.Count > before)
        {
            return null;
        }

        var rules = new CallingRules { WindowStart = start, WindowEnd = end, MaxPerDay = day, MaxPerWeek = week };
        if (rules.Check() is { } wrong)
        {
            errors.Add(wrong);
            return null;
        }

        return rules;
    }

    private static TimeOnly Time(string? text, TimeOnly empty, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        if (TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add($"{what} '{text}' is not a time written HH:mm");
        return empty;
    }

    private static int Number(string? text, int empty, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return empty;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add($"{what} '{text}' is not a whole number");
        return empty;
    }
}
