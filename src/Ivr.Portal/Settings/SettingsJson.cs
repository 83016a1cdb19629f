using System.Globalization;
using Ivr.Domain.Practices;
using Ivr.Portal.OnCall;

namespace Ivr.Portal.Settings;

/// <summary>
/// <c>GET /api/practices/{id}/settings</c>: the editable settings, the revision they come from and the
/// change history; and the body of <c>PUT</c>, where <see cref="PracticeId"/>, <see cref="Name"/>,
/// <see cref="TimeZone"/>, <see cref="GreetingPromptId"/>, <see cref="GreetingTyped"/> and
/// <see cref="History"/> are ignored. Hours are keyed by weekday (<c>monday</c> …), a day left out or
/// empty is closed; <see cref="GreetingText"/> is the words callers hear (the manifest's when the
/// practice typed none), so sending back what was read changes nothing.
/// </summary>
public sealed record SettingsJson(
    string? PracticeId,
    string? Name,
    string? TimeZone,
    int Revision,
    string? Coverage,
    IReadOnlyDictionary<string, IReadOnlyList<SettingsJson.IntervalJson>>? Hours,
    SettingsJson.HolidaysJson? Holidays,
    IReadOnlyList<SettingsJson.ClosureJson>? Closures,
    string? GreetingText,
    string? GreetingPromptId,
    bool GreetingTyped,
    SettingsJson.EscalationJson? Escalation,
    IReadOnlyList<SettingsJson.HistoryJson>? History)
{
    public static SettingsJson Of(Practice p, int revision, string greetingWords, IReadOnlyList<SettingsHistoryEntry> history) => new(
        p.Id,
        p.Name,
        p.TimeZone,
        revision,
        CoverageModes.Name(p.Coverage),
        SettingsValidator.Week.ToDictionary(
            d => d.ToString().ToLowerInvariant(),
            d => (IReadOnlyList<IntervalJson>)p.Hours.On(d).Select(i => new IntervalJson(OpeningInterval.Wall(i.Open), OpeningInterval.Wall(i.Close))).ToArray()),
        new HolidaysJson(p.Holidays.Preset, p.Holidays.Dates.Select(h => new HolidayJson(h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Name)).ToArray()),
        p.Closures.Select(c => new ClosureJson(LocalTimes.Write(c.From), LocalTimes.Write(c.Until), c.Reason)).ToArray(),
        greetingWords,
        p.GreetingPromptId,
        p.GreetingText.Length > 0,
        new EscalationJson((int)p.Escalation.RepeatEvery.TotalSeconds, p.Escalation.AttemptsPerContact),
        history.Select(h => new HistoryJson(h.Revision, h.SavedAt, p.Clock().Describe(h.SavedAt), h.SavedBy, h.Changes.Select(c => new ChangeJson(c.Setting, c.Before, c.After, c.Text)).ToArray())).ToArray());

    /// <summary>The body as a settings request, or what about its shape is wrong.</summary>
    public SettingsRequest ToRequest(List<SettingsError> errors)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>>();
        foreach (var (key, intervals) in Hours ?? new Dictionary<string, IReadOnlyList<IntervalJson>>())
        {
            if (!Enum.TryParse<DayOfWeek>(key, ignoreCase: true, out var day) || int.TryParse(key, out _))
            {
                errors.Add(new SettingsError("hours", $"'{key}' is not a weekday (monday … sunday)."));
                continue;
            }

            hours[day] = (intervals ?? []).Select(i => new SettingsRequest.Interval(i.Open ?? string.Empty, i.Close ?? string.Empty)).ToArray();
        }

        return new SettingsRequest(
            Revision,
            Coverage ?? string.Empty,
            hours,
            Holidays?.Preset,
            (Holidays?.Dates ?? []).Select(h => new SettingsRequest.HolidayDate(h.Date ?? string.Empty, h.Name ?? string.Empty)).ToArray(),
            (Closures ?? []).Select(c => new SettingsRequest.ClosureTimes(c.From ?? string.Empty, c.Until ?? string.Empty, c.Reason ?? string.Empty)).ToArray(),
            GreetingText ?? string.Empty,
            Escalation?.RepeatSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Escalation?.Attempts?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>Open from <c>08:00</c> to <c>17:00</c> (<c>24:00</c>: midnight).</summary>
    public sealed record IntervalJson(string? Open, string? Close);

    /// <summary><c>preset</c> is <c>us-federal</c> or null; <c>dates</c> the practice's own.</summary>
    public sealed record HolidaysJson(string? Preset, IReadOnlyList<HolidayJson>? Dates);

    public sealed record HolidayJson(string? Date, string? Name);

    /// <summary>Local times of the practice, <c>2026-12-31T12:00</c>.</summary>
    public sealed record ClosureJson(string? From, string? Until, string? Reason);

    public sealed record EscalationJson(int? RepeatSeconds, int? Attempts);

    /// <summary>One revision: when (ISO 8601, and in the practice's zone), by whom, and each setting's before and after.</summary>
    public sealed record HistoryJson(int Revision, DateTimeOffset SavedAt, string SavedAtLocal, string SavedBy, IReadOnlyList<ChangeJson> Changes);

    public sealed record ChangeJson(string Setting, string Before, string After, string Text);
}
