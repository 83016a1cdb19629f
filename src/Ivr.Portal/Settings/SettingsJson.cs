using System.Globalization;
using Ivr.Domain.Desk;
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
    IReadOnlyList<SettingsJson.HistoryJson>? History,
    SettingsJson.DeskJson? Desk = null,
    IReadOnlyList<SettingsJson.MenuJson>? Menu = null,
    SettingsJson.OfficeJson? Office = null)
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
        history.Select(h => new HistoryJson(h.Revision, h.SavedAt, p.Clock().Describe(h.SavedAt), h.SavedBy, h.Changes.Select(c => new ChangeJson(c.Setting, c.Before, c.After, c.Text)).ToArray())).ToArray(),
        new DeskJson(
            DeskRules.Name(p.Desk.LivePerson),
            HoursJson(p.Desk.OperatorHours),
            (int)p.Desk.MaxHold.TotalSeconds,
            p.Desk.AfterMaxHoldDoctor,
            new ServiceLevelJson(p.Desk.ServiceLevelTarget.Percent, (int)p.Desk.ServiceLevelTarget.Within.TotalSeconds),
            p.Desk.Instructions,
            p.Desk.OperatorGreeting),
        p.Menu.Options.Select(o => new MenuJson(MainMenuRules.Name(o.Choice), o.Key.ToString())).ToArray(),
        new OfficeJson(p.OfficeWords.Address, p.OfficeWords.Directions, p.OfficeWords.Fax, p.OfficeWords.Website));

    private static Dictionary<string, IReadOnlyList<IntervalJson>> HoursJson(WeeklyHours hours) => SettingsValidator.Week.ToDictionary(
        d => d.ToString().ToLowerInvariant(),
        d => (IReadOnlyList<IntervalJson>)hours.On(d).Select(i => new IntervalJson(OpeningInterval.Wall(i.Open), OpeningInterval.Wall(i.Close))).ToArray());

    private static Dictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>> Slots(IReadOnlyDictionary<string, IReadOnlyList<IntervalJson>>? days, string field, List<SettingsError> errors)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>>();
        foreach (var (key, intervals) in days ?? new Dictionary<string, IReadOnlyList<IntervalJson>>())
        {
            if (!Enum.TryParse<DayOfWeek>(key, ignoreCase: true, out var day) || int.TryParse(key, out _))
            {
                errors.Add(new SettingsError(field, $"'{key}' is not a weekday (monday … sunday)."));
                continue;
            }

            hours[day] = (intervals ?? []).Select(i => new SettingsRequest.Interval(i.Open ?? string.Empty, i.Close ?? string.Empty)).ToArray();
        }

        return hours;
    }

    /// <summary>The body as a settings request, or what about its shape is wrong.</summary>
    public SettingsRequest ToRequest(List<SettingsError> errors)
    {
        var hours = Slots(Hours, "hours", errors);
        var desk = Desk is null ? null : new DeskRequest(
            Desk.LivePerson ?? string.Empty,
            Slots(Desk.OperatorHours, "desk.operatorHours", errors),
            Desk.MaxHoldSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Desk.AfterMaxHoldDoctor,
            Desk.ServiceLevel?.Percent?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Desk.ServiceLevel?.Seconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Desk.Instructions ?? string.Empty,
            Desk.OperatorGreeting ?? string.Empty);
        return new SettingsRequest(
            Revision,
            Coverage ?? string.Empty,
            hours,
            Holidays?.Preset,
            (Holidays?.Dates ?? []).Select(h => new SettingsRequest.HolidayDate(h.Date ?? string.Empty, h.Name ?? string.Empty)).ToArray(),
            (Closures ?? []).Select(c => new SettingsRequest.ClosureTimes(c.From ?? string.Empty, c.Until ?? string.Empty, c.Reason ?? string.Empty)).ToArray(),
            GreetingText ?? string.Empty,
            Escalation?.RepeatSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Escalation?.Attempts?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)
        {
            Desk = desk,
            Menu = Menu?.Select((m, i) => new SettingsRequest.MenuRow(m.Choice ?? string.Empty, m.Key ?? string.Empty, (i + 1).ToString(CultureInfo.InvariantCulture))).ToArray(),
            Office = Office is null ? null : new SettingsRequest.OfficeText(Office.Address ?? string.Empty, Office.Directions ?? string.Empty, Office.Fax ?? string.Empty, Office.Website ?? string.Empty),
        };
    }

    /// <summary>One choice of the main menu, in the order callers hear them: <c>{ "choice": "office-information", "key": "4" }</c>; a <c>PUT</c> lists the choices offered.</summary>
    public sealed record MenuJson(string? Choice, string? Key);

    /// <summary>The words callers hear as office information; left out of a <c>PUT</c>, the stored ones stay.</summary>
    public sealed record OfficeJson(string? Address, string? Directions, string? Fax, string? Website);

    /// <summary>
    /// The practice's desk settings: <c>livePerson</c> (<c>operators-first</c>, <c>doctor-direct</c>,
    /// <c>operators-during-hours</c>), <c>operatorHours</c> keyed by weekday as <see cref="Hours"/>, and the rest;
    /// left out of a <c>PUT</c>, the stored ones stay; <c>afterMaxHoldDoctor</c> left out stays as stored.
    /// </summary>
    public sealed record DeskJson(
        string? LivePerson,
        IReadOnlyDictionary<string, IReadOnlyList<IntervalJson>>? OperatorHours,
        int? MaxHoldSeconds,
        bool? AfterMaxHoldDoctor,
        ServiceLevelJson? ServiceLevel,
        string? Instructions,
        string? OperatorGreeting);

    /// <summary><c>percent</c> of callers answered within <c>seconds</c>.</summary>
    public sealed record ServiceLevelJson(int? Percent, int? Seconds);

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
