using System.Globalization;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Portal.OnCall;

namespace Ivr.Portal.Settings;

/// <summary>
/// The settings form as posted, every value as typed. Days are Monday first; each has a few
/// open–close slots (a lunch break is two), blank ones ignored, so a day with none is closed;
/// blank holiday and closure rows are ignored too.
/// </summary>
public sealed class SettingsForm
{
    /// <summary>Slots a day offers beyond those it has, for a first interval or a lunch break.</summary>
    public const int MinSlots = 2;

    /// <summary>Blank rows offered for new holidays and closures.</summary>
    public const int SpareRows = 2;

    public int Revision { get; set; }

    public string? Coverage { get; set; }

    public List<DayForm> Days { get; set; } = [];

    public bool UsFederal { get; set; }

    public List<HolidayForm> Holidays { get; set; } = [];

    public List<ClosureForm> Closures { get; set; } = [];

    public string? Greeting { get; set; }

    public string? RepeatSeconds { get; set; }

    public string? Attempts { get; set; }

    /// <summary>The live-person policy (<c>operators-first</c> …); a post without it leaves the desk settings as stored.</summary>
    public string? LivePerson { get; set; }

    /// <summary>When operators answer under <c>operators-during-hours</c>, Monday first, as <see cref="Days"/>.</summary>
    public List<DayForm> OperatorDays { get; set; } = [];

    public string? MaxHoldSeconds { get; set; }

    /// <summary>A checkbox: absent from a post means unticked.</summary>
    public bool AfterMaxHoldDoctor { get; set; }

    public string? ServiceLevelPercent { get; set; }

    public string? ServiceLevelSeconds { get; set; }

    public string? Instructions { get; set; }

    public string? OperatorGreeting { get; set; }

    /// <summary>Every choice of the main menu with its key (empty: not offered) and place; a post without rows leaves the menu as stored.</summary>
    public List<MenuRowForm> Menu { get; set; } = [];

    public string? OfficeAddress { get; set; }

    public string? OfficeDirections { get; set; }

    public string? OfficeFax { get; set; }

    public string? OfficeWebsite { get; set; }

    /// <summary>True when the post carries the office words (a browser sends an emptied field as nothing at all).</summary>
    public bool OfficeShown { get; set; }

    /// <summary>The form filled from a stored practice, with blank slots and rows to add to.</summary>
    public static SettingsForm Of(Practice practice, int revision, string greetingWords) => new()
    {
        Revision = revision,
        Coverage = CoverageModes.Name(practice.Coverage),
        Days = DaysOf(practice.Hours),
        UsFederal = practice.Holidays.Preset == UsFederalHolidays.PresetName,
        Holidays = [.. practice.Holidays.Dates.Select(h => new HolidayForm { Date = h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Name = h.Name }), .. Enumerable.Range(0, SpareRows).Select(_ => new HolidayForm())],
        Closures = [.. practice.Closures.Select(c => new ClosureForm { From = LocalTimes.Write(c.From), Until = LocalTimes.Write(c.Until), Reason = c.Reason }), .. Enumerable.Range(0, SpareRows).Select(_ => new ClosureForm())],
        Greeting = greetingWords,
        RepeatSeconds = ((int)practice.Escalation.RepeatEvery.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        Attempts = practice.Escalation.AttemptsPerContact.ToString(CultureInfo.InvariantCulture),
        LivePerson = DeskRules.Name(practice.Desk.LivePerson),
        OperatorDays = DaysOf(practice.Desk.OperatorHours),
        MaxHoldSeconds = ((int)practice.Desk.MaxHold.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        AfterMaxHoldDoctor = practice.Desk.AfterMaxHoldDoctor,
        ServiceLevelPercent = practice.Desk.ServiceLevelTarget.Percent.ToString(CultureInfo.InvariantCulture),
        ServiceLevelSeconds = ((int)practice.Desk.ServiceLevelTarget.Within.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        Instructions = practice.Desk.Instructions,
        OperatorGreeting = practice.Desk.OperatorGreeting,
        Menu = MenuRows(practice.Menu),
        OfficeAddress = practice.OfficeWords.Address,
        OfficeDirections = practice.OfficeWords.Directions,
        OfficeFax = practice.OfficeWords.Fax,
        OfficeWebsite = practice.OfficeWords.Website,
        OfficeShown = true,
    };

    /// <summary>The choices offered, in their order, then those not offered (no key).</summary>
    private static List<MenuRowForm> MenuRows(MainMenuSettings menu) =>
    [
        .. menu.Options.Select((o, i) => new MenuRowForm { Choice = MainMenuRules.Name(o.Choice), Key = o.Key.ToString(), Order = (i + 1).ToString(CultureInfo.InvariantCulture) }),
        .. Enum.GetValues<MainMenuChoice>().Where(c => menu.KeyOf(c) is null).Select(c => new MenuRowForm { Choice = MainMenuRules.Name(c) }),
    ];

    private static List<DayForm> DaysOf(WeeklyHours hours) => SettingsValidator.Week.Select(day =>
    {
        var intervals = hours.On(day);
        var blanks = Enumerable.Repeat<string?>(string.Empty, Math.Max(0, MinSlots - intervals.Count));
        return new DayForm
        {
            Open = [.. intervals.Select(i => (string?)OpeningInterval.Wall(i.Open)), .. blanks],
            Close = [.. intervals.Select(i => (string?)OpeningInterval.Wall(i.Close)), .. blanks],
        };
    }).ToList();

    private static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>> Slots(List<DayForm> days) =>
        SettingsValidator.Week.Select((day, i) => (day, form: days.ElementAtOrDefault(i) ?? new DayForm()))
            .ToDictionary(
                d => d.day,
                d => (IReadOnlyList<SettingsRequest.Interval>)d.form.Open.Select((open, slot) => new SettingsRequest.Interval(open ?? string.Empty, d.form.Close.ElementAtOrDefault(slot) ?? string.Empty)).ToArray());

    public SettingsRequest ToRequest() => new(
        Revision,
        Coverage ?? string.Empty,
        Slots(Days),
        UsFederal ? UsFederalHolidays.PresetName : null,
        Holidays.Select(h => new SettingsRequest.HolidayDate(h.Date ?? string.Empty, h.Name ?? string.Empty)).ToArray(),
        Closures.Select(c => new SettingsRequest.ClosureTimes(c.From ?? string.Empty, c.Until ?? string.Empty, c.Reason ?? string.Empty)).ToArray(),
        Greeting ?? string.Empty,
        RepeatSeconds ?? string.Empty,
        Attempts ?? string.Empty)
    {
        Desk = LivePerson is null ? null : new DeskRequest(
            LivePerson,
            Slots(OperatorDays),
            MaxHoldSeconds ?? string.Empty,
            AfterMaxHoldDoctor,
            ServiceLevelPercent ?? string.Empty,
            ServiceLevelSeconds ?? string.Empty,
            Instructions ?? string.Empty,
            OperatorGreeting ?? string.Empty),
        Menu = Menu.Count == 0 ? null : Menu.Select(m => new SettingsRequest.MenuRow(m.Choice ?? string.Empty, m.Key ?? string.Empty, m.Order ?? string.Empty)).ToArray(),
        Office = !OfficeShown
            ? null
            : new SettingsRequest.OfficeText(OfficeAddress ?? string.Empty, OfficeDirections ?? string.Empty, OfficeFax ?? string.Empty, OfficeWebsite ?? string.Empty),
    };

    /// <summary>One choice of the main menu: its key (empty: not offered) and its place in the order.</summary>
    public sealed class MenuRowForm
    {
        public string? Choice { get; set; }

        public string? Key { get; set; }

        public string? Order { get; set; }
    }

    /// <summary>One weekday: open over the filled slots, closed without any.</summary>
    public sealed class DayForm
    {
        public List<string?> Open { get; set; } = [];

        public List<string?> Close { get; set; } = [];
    }

    public sealed class HolidayForm
    {
        public string? Date { get; set; }

        public string? Name { get; set; }
    }

    public sealed class ClosureForm
    {
        public string? From { get; set; }

        public string? Until { get; set; }

        public string? Reason { get; set; }
    }
}
