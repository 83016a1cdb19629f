using Ivr.Domain.Desk;
using Ivr.Domain.Practices;

namespace Ivr.Portal.Settings;

/// <summary>
/// Applies a typed settings change to a practice by the rules practice files obey
/// (<see cref="PracticeRules"/>), collecting every mistake with its field rather than stopping at the first.
/// </summary>
public static class SettingsValidator
{
    /// <summary>The week as the form and the history show it.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Field(DayOfWeek day) => "hours." + day.ToString().ToLowerInvariant();

    /// <summary>Greeting words as they are stored and spoken: one line, single spaces.</summary>
    public static string NormalizeGreeting(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The practice with the change applied (its greeting text set, the prompt left to the caller), or
    /// null with <paramref name="errors"/> filled in.
    /// </summary>
    public static Practice? Apply(Practice current, SettingsRequest request, List<SettingsError> errors)
    {
        var before = errors.Count;
        var coverage = CoverageMode.AfterHours;
        if (!CoverageModes.TryParse(request.Coverage.Trim(), out coverage))
        {
            errors.Add(new("coverage", $"Coverage '{request.Coverage}' is not one of: {PracticeRules.CoverageChoices}."));
        }
        else if (PracticeRules.Coverage(coverage, current.Office) is not null)
        {
            errors.Add(new("coverage", "Overflow coverage rings the office first, and this practice has no office line: choose after-hours or 24/7, or add the office line to the practice file."));
        }

        var hours = Hours(request.Hours, Field, string.Empty, errors);
        var holidays = Holidays(request, errors);
        var closures = Closures(request, errors);
        var greeting = NormalizeGreeting(request.GreetingText);
        if (PracticeRules.GreetingText(greeting) is { } greetingError)
        {
            errors.Add(new("greeting", $"Greeting: {greetingError}."));
        }

        if (PracticeRules.RepeatSeconds(request.RepeatSeconds, out var repeat) is { } repeatError)
        {
            errors.Add(new("escalation.repeatSeconds", $"Escalation: {repeatError}."));
        }

        if (PracticeRules.Attempts(request.Attempts, out var attempts) is { } attemptsError)
        {
            errors.Add(new("escalation.attempts", $"Escalation: {attemptsError}."));
        }

        var desk = request.Desk is { } deskRequest ? Desk(current.Desk, deskRequest, errors) : current.Desk;
        var menu = request.Menu is { } rows ? Menu(rows, errors) : current.Menu;
        var words = request.Office is { } office ? Office(office, errors) : current.OfficeWords;
        if (errors.Count > before)
        {
            return null;
        }

        return current with
        {
            Coverage = coverage,
            Hours = hours,
            Holidays = holidays,
            Closures = closures,
            GreetingText = greeting,
            Escalation = new EscalationPolicy(TimeSpan.FromSeconds(repeat), attempts),
            Desk = desk!,
            Menu = menu!,
            OfficeWords = words,
        };
    }

    /// <summary>The main menu typed: the rows with a key, in their order, by <see cref="MainMenuRules"/>; null with <paramref name="errors"/> filled in.</summary>
    private static MainMenuSettings? Menu(IReadOnlyList<SettingsRequest.MenuRow> rows, List<SettingsError> errors)
    {
        var before = errors.Count;
        var options = new List<(int Order, int Row, MainMenuOption Option)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (choiceText, keyText, orderText) = (rows[i].Choice.Trim(), rows[i].Key.Trim(), rows[i].Order.Trim());
            if (!MainMenuRules.TryParse(choiceText, out var choice))
            {
                errors.Add(new("menu", $"Main menu: '{choiceText}' is not a choice; choose from {MainMenuRules.Choices}."));
                continue;
            }

            if (keyText.Length == 0)
            {
                continue;
            }

            var field = "menu." + choiceText;
            if (MainMenuRules.Key(keyText, out var key) is { } keyError)
            {
                errors.Add(new(field, $"Main menu, {choiceText}: {keyError}."));
                continue;
            }

            var order = i + 1;
            if (orderText.Length > 0 && PracticeRules.Whole("order", orderText, 1, 99, out order) is { } orderError)
            {
                errors.Add(new(field, $"Main menu, {choiceText}: {orderError}."));
                continue;
            }

            options.Add((order, i, new MainMenuOption(choice, key)));
        }

        var menu = options.OrderBy(o => o.Order).ThenBy(o => o.Row).Select(o => o.Option).ToArray();
        if (errors.Count == before && MainMenuRules.Check(menu) is { } wrong)
        {
            errors.Add(new("menu", $"Main menu: {wrong}."));
        }

        return errors.Count > before ? null
            : MainMenuRules.IsDefault(new MainMenuSettings { Options = menu }) ? MainMenuSettings.Default
            : new MainMenuSettings { Options = menu };
    }

    /// <summary>The office words typed, each on one line; what is wrong with each goes to <c>office.{key}</c>.</summary>
    private static OfficeWords Office(SettingsRequest.OfficeText text, List<SettingsError> errors)
    {
        var words = new OfficeWords
        {
            Address = OfficeWords.Normalize(text.Address),
            Directions = OfficeWords.Normalize(text.Directions),
            Fax = OfficeWords.Normalize(text.Fax),
            Website = OfficeWords.Normalize(text.Website),
        };
        foreach (var (key, problem) in words.Problems())
        {
            errors.Add(new("office." + key, $"Office information: {problem}."));
        }

        return words;
    }

    /// <summary>The desk settings typed, by <see cref="DeskRules"/>; null with <paramref name="errors"/> filled in.</summary>
    private static DeskSettings? Desk(DeskSettings current, DeskRequest request, List<SettingsError> errors)
    {
        var before = errors.Count;
        if (DeskRules.LivePerson(request.LivePerson, out var policy) is { } policyError)
        {
            errors.Add(new(DeskRequest.LivePersonField, $"Live person: {policyError}."));
        }

        var hours = Hours(request.OperatorHours, DeskRequest.HoursField, "Operators ", errors);
        if (errors.Count == before && DeskRules.Hours(policy, hours) is { } hoursError)
        {
            errors.Add(new(DeskRequest.LivePersonField, $"Live person: {hoursError}."));
        }

        if (DeskRules.MaxHoldSeconds(request.MaxHoldSeconds, out var maxHold) is { } holdError)
        {
            errors.Add(new(DeskRequest.MaxHoldField, $"Maximum hold: {holdError}."));
        }

        if (DeskRules.Percent(request.ServiceLevelPercent, out var percent) is { } percentError)
        {
            errors.Add(new(DeskRequest.PercentField, $"Service level target: {percentError}."));
        }

        if (DeskRules.TargetSeconds(request.ServiceLevelSeconds, out var seconds) is { } secondsError)
        {
            errors.Add(new(DeskRequest.SecondsField, $"Service level target: {secondsError}."));
        }

        var instructions = DeskRequest.NormalizeInstructions(request.Instructions);
        if (DeskRules.Instructions(instructions) is { } instructionsError)
        {
            errors.Add(new(DeskRequest.InstructionsField, $"Instructions: {instructionsError}."));
        }

        var greeting = request.OperatorGreeting.Trim();
        if (DeskRules.OperatorGreeting(greeting) is { } greetingError)
        {
            errors.Add(new(DeskRequest.GreetingField, $"Operator greeting: {greetingError}."));
        }

        return errors.Count > before ? null : new DeskSettings
        {
            LivePerson = policy,
            OperatorHours = hours,
            MaxHold = TimeSpan.FromSeconds(maxHold),
            AfterMaxHoldDoctor = request.AfterMaxHoldDoctor ?? current.AfterMaxHoldDoctor,
            ServiceLevelTarget = new ServiceLevelTarget(percent, TimeSpan.FromSeconds(seconds)),
            Instructions = instructions,
            OperatorGreeting = greeting,

            // Urgent lines are numbers, provisioned with the practice's numbers in its file, not on this form: kept as stored.
            UrgentLines = current.UrgentLines,

            // The nurse line's menu option and routing are set in the practice file with the desk's numbers: kept as stored.
            NurseOption = current.NurseOption,
            NurseRoute = current.NurseRoute,
        };
    }

    private static WeeklyHours Hours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>> requested, Func<DayOfWeek, string> field, string label, List<SettingsError> errors)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var day in Week)
        {
            var intervals = new List<OpeningInterval>();
            foreach (var slot in requested.TryGetValue(day, out var slots) ? slots : [])
            {
                var (open, close) = (slot.Open.Trim(), slot.Close.Trim());
                if (open.Length == 0 && close.Length == 0)
                {
                    continue;
                }

                if (open.Length == 0 || close.Length == 0)
                {
                    errors.Add(new(field(day), $"{label}{day}: give both the opening and the closing time."));
                    continue;
                }

                if (PracticeRules.Interval(open, close, out var interval) is { } problem)
                {
                    errors.Add(new(field(day), $"{label}{day}: {problem}."));
                    continue;
                }

                intervals.Add(interval!);
            }

            if (intervals.Count > 0)
            {
                days[day] = intervals.OrderBy(i => i.Open).ToArray();
            }
        }

        return new WeeklyHours(days);
    }

    private static HolidayCalendar Holidays(SettingsRequest request, List<SettingsError> errors)
    {
        var preset = string.IsNullOrWhiteSpace(request.HolidayPreset) ? null : request.HolidayPreset.Trim();
        if (PracticeRules.HolidayPreset(preset) is { } presetError)
        {
            errors.Add(new("holidays.preset", $"Holidays: {presetError}."));
        }

        var dates = new List<Holiday>();
        for (var i = 0; i < request.Holidays.Count; i++)
        {
            var (date, name) = (request.Holidays[i].Date.Trim(), request.Holidays[i].Name.Trim());
            if (date.Length == 0 && name.Length == 0)
            {
                continue;
            }

            if (!PracticeRules.TryDate(date, out var day))
            {
                errors.Add(new($"holidays.{i}", date.Length == 0 ? $"Holiday '{name}': give its date." : $"Holiday '{date}' is not a date like 2026-12-24."));
                continue;
            }

            if (dates.Any(d => d.Date == day))
            {
                errors.Add(new($"holidays.{i}", $"Holiday {date} is listed twice."));
                continue;
            }

            dates.Add(new Holiday(day, name.Length == 0 ? "holiday" : name));
        }

        return new HolidayCalendar(dates.OrderBy(d => d.Date).ToArray(), preset);
    }

    private static IReadOnlyList<Closure> Closures(SettingsRequest request, List<SettingsError> errors)
    {
        var closures = new List<Closure>();
        for (var i = 0; i < request.Closures.Count; i++)
        {
            var (from, until, reason) = (request.Closures[i].From.Trim(), request.Closures[i].Until.Trim(), request.Closures[i].Reason.Trim());
            if (from.Length == 0 && until.Length == 0 && reason.Length == 0)
            {
                continue;
            }

            var field = $"closures.{i}";
            if (!PracticeRules.TryLocalTime(from, out var start) || !PracticeRules.TryLocalTime(until, out var end))
            {
                errors.Add(new(field, $"Closure {i + 1}: from and until are local times like 2026-12-31T12:00."));
            }
            else if (PracticeRules.Closure(start, end) is { } problem)
            {
                errors.Add(new(field, $"Closure {i + 1}: {problem}."));
            }
            else if (reason.Length == 0)
            {
                errors.Add(new(field, $"Closure {i + 1}: give a reason (snow day, staff training…)."));
            }
            else
            {
                closures.Add(new Closure(start, end, reason));
            }
        }

        return closures.OrderBy(c => c.From).ToArray();
    }
}
