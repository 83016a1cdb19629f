using System.Text;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Desk;

/// <summary>
/// A practice's own settings of the operator desk (<see cref="Practice.Desk"/>): who takes a live-person
/// request, how long a caller holds before being offered a choice, its service-level target, the
/// instructions operators read and the greeting they say. The defaults are what a practice that never
/// set them gets, so every practice and file from before the desk keeps working unchanged.
/// </summary>
public sealed record DeskSettings
{
    public const string DefaultGreeting = "{practice} answering service, this is {operator}, how can I help?";

    public static DeskSettings Default { get; } = new();

    public LivePersonPolicy LivePerson { get; init; } = LivePersonPolicy.OperatorsFirst;

    /// <summary>When operators answer under <see cref="LivePersonPolicy.OperatorsDuringHours"/>, in the practice's local time.</summary>
    public WeeklyHours OperatorHours { get; init; } = WeeklyHours.Closed;

    /// <summary>How long a caller holds before choosing between holding on, a message or (see <see cref="AfterMaxHoldDoctor"/>) the doctor. Default 90 s.</summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Whether a caller past <see cref="MaxHold"/> may choose the on-call doctor directly. Default yes.</summary>
    public bool AfterMaxHoldDoctor { get; init; } = true;

    public ServiceLevelTarget ServiceLevelTarget { get; init; } = ServiceLevelTarget.Default;

    /// <summary>The practice's own text for operators ("never page for prescription refills"); never patient data.</summary>
    public string Instructions { get; init; } = string.Empty;

    /// <summary>What an operator says on answering, with <c>{practice}</c> and <c>{operator}</c>; see <see cref="RenderGreeting"/>.</summary>
    public string OperatorGreeting { get; init; } = DefaultGreeting;

    /// <summary>
    /// The practice's urgent lines: those of its <see cref="Practice.Numbers"/> that are its emergency number. A caller
    /// on one goes to the desk's queue as urgent, ahead of routine callers. Normalised like the numbers; none by default.
    /// </summary>
    public IReadOnlyList<string> UrgentLines { get; init; } = [];

    /// <summary>Whether the main menu offers the nurse line ("to speak with a nurse, press 3"). No by default.</summary>
    public bool NurseOption { get; init; }

    /// <summary>Which callers asking for a live person go to the nurse line first, while a nurse is at the desk. None by default.</summary>
    public NurseRoute NurseRoute { get; init; } = NurseRoute.None;

    /// <summary>
    /// Whether a live-person request goes to the nurse line by the practice's <see cref="NurseRoute"/>: only while a
    /// nurse is signed in (a caller never waits on a line nobody works), for every such request or for those on an
    /// urgent line.
    /// </summary>
    public bool RoutesToNurses(bool onUrgentLine, bool anyNurseSignedIn) => anyNurseSignedIn && NurseRoute switch
    {
        NurseRoute.LivePerson => true,
        NurseRoute.UrgentLines => onUrgentLine,
        _ => false,
    };

    /// <summary>Whether a call to <paramref name="dialedNumber"/> came in on one of <see cref="UrgentLines"/>.</summary>
    public bool IsUrgentLine(string dialedNumber) =>
        UrgentLines.Count > 0 && UrgentLines.Contains(PhoneNumbers.Normalize(dialedNumber), StringComparer.Ordinal);

    /// <summary>
    /// Where a live-person request goes at <paramref name="instant"/>: a practice that wants the doctor gets the
    /// doctor; otherwise the operators, if any is signed in (and, under <see cref="LivePersonPolicy.OperatorsDuringHours"/>,
    /// the instant is within <see cref="OperatorHours"/> on the practice's wall clock), else the doctor, so a
    /// caller never waits for a desk nobody staffs.
    /// </summary>
    public LivePersonRoute Route(DateTimeOffset instant, ZoneClock clock, bool anyOperatorSignedIn) => LivePerson switch
    {
        LivePersonPolicy.DoctorDirect => LivePersonRoute.Doctor,
        LivePersonPolicy.OperatorsDuringHours when OperatorHours.OpenAt(clock.Local(instant)) is null => LivePersonRoute.Doctor,
        _ => anyOperatorSignedIn ? LivePersonRoute.Operators : LivePersonRoute.Doctor,
    };

    /// <summary>The greeting an operator says: <c>Riverside Pediatrics answering service, this is Sam, how can I help?</c></summary>
    public string RenderGreeting(string practiceName, string operatorFirstName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorFirstName);
        if (DeskRules.OperatorGreeting(OperatorGreeting) is { } problem)
        {
            throw new InvalidOperationException($"The operator greeting cannot be said: {problem}.");
        }

        return DeskRules.Fill(OperatorGreeting, practiceName.Trim(), operatorFirstName.Trim());
    }

    /// <summary>Whether every setting is its default (a practice file then needs no <c>desk:</c> section).</summary>
    public bool IsDefault =>
        LivePerson == Default.LivePerson && OperatorHours.Days.Values.All(d => d.Count == 0) && MaxHold == Default.MaxHold
        && AfterMaxHoldDoctor == Default.AfterMaxHoldDoctor && ServiceLevelTarget == Default.ServiceLevelTarget
        && Instructions.Length == 0 && OperatorGreeting == DefaultGreeting && UrgentLines.Count == 0 && !NurseOption && NurseRoute == NurseRoute.None;
}

/// <summary>
/// The rules desk settings obey, shared by the practice file reader and the portal's settings form, as
/// <see cref="PracticeRules"/> is. Each check returns what is wrong in words, or null.
/// </summary>
public static class DeskRules
{
    public const int MinMaxHoldSeconds = 15;
    public const int MaxMaxHoldSeconds = 600;
    public const int MinPercent = 1;
    public const int MaxPercent = 100;
    public const int MinTargetSeconds = 5;
    public const int MaxTargetSeconds = 300;
    public const int MaxInstructionsLength = 2000;
    public const int MaxGreetingLength = 200;

    public const string PracticePlaceholder = "{practice}";
    public const string OperatorPlaceholder = "{operator}";

    public const string LivePersonChoices = "operators-first, doctor-direct, operators-during-hours";

    public const string HoursNeeded = "operators-during-hours needs the hours when operators answer (at least one day)";

    /// <summary>The policy as files and forms write it: <c>operators-first</c>, <c>doctor-direct</c>, <c>operators-during-hours</c>.</summary>
    public static string Name(LivePersonPolicy policy) => policy switch
    {
        LivePersonPolicy.DoctorDirect => "doctor-direct",
        LivePersonPolicy.OperatorsDuringHours => "operators-during-hours",
        _ => "operators-first",
    };

    public static bool TryParse(string text, out LivePersonPolicy policy)
    {
        foreach (var candidate in Enum.GetValues<LivePersonPolicy>())
        {
            if (Name(candidate) == text.Trim())
            {
                policy = candidate;
                return true;
            }
        }

        policy = LivePersonPolicy.OperatorsFirst;
        return false;
    }

    public static string? LivePerson(string text, out LivePersonPolicy policy) =>
        TryParse(text, out policy) ? null : $"livePerson '{text.Trim()}' is not one of: {LivePersonChoices}";

    /// <summary>Operators during set hours with no hours would never answer: refused.</summary>
    public static string? Hours(LivePersonPolicy policy, WeeklyHours hours) =>
        policy == LivePersonPolicy.OperatorsDuringHours && hours.Days.Values.All(d => d.Count == 0) ? HoursNeeded : null;

    /// <summary>Each urgent line must be one of the practice's own numbers (the directory routes only those), once.</summary>
    public static string? UrgentLines(IReadOnlyList<string> lines, IReadOnlyList<string> numbers)
    {
        var published = numbers.Select(PhoneNumbers.Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!published.Contains(PhoneNumbers.Normalize(line)))
            {
                return $"urgent line '{line}' is not one of the practice's numbers";
            }
        }

        return lines.Select(PhoneNumbers.Normalize).Distinct(StringComparer.Ordinal).Count() < lines.Count ? "an urgent line is listed twice" : null;
    }

    public const string NurseRouteChoices = "none, urgent-lines, live-person";

    /// <summary>The nurse routing as files write it: <c>none</c>, <c>urgent-lines</c>, <c>live-person</c>.</summary>
    public static string Name(NurseRoute route) => route switch
    {
        NurseRoute.UrgentLines => "urgent-lines",
        NurseRoute.LivePerson => "live-person",
        _ => "none",
    };

    public static string? NurseRouteOf(string text, out NurseRoute route)
    {
        foreach (var candidate in Enum.GetValues<NurseRoute>())
        {
            if (Name(candidate) == text.Trim())
            {
                route = candidate;
                return null;
            }
        }

        route = NurseRoute.None;
        return $"nurseRoute '{text.Trim()}' is not one of: {NurseRouteChoices}";
    }

    public static string? MaxHoldSeconds(string text, out int seconds) => PracticeRules.Whole("maxHoldSeconds", text, MinMaxHoldSeconds, MaxMaxHoldSeconds, out seconds);

    public static string? Percent(string text, out int percent) => PracticeRules.Whole("percent", text, MinPercent, MaxPercent, out percent);

    public static string? TargetSeconds(string text, out int seconds) => PracticeRules.Whole("seconds", text, MinTargetSeconds, MaxTargetSeconds, out seconds);

    public static string? Instructions(string text) =>
        text.Length > MaxInstructionsLength ? $"the instructions are {text.Length} characters; keep them to {MaxInstructionsLength}"
        : text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? "the instructions hold control characters"
        : null;

    /// <summary>A greeting template: not empty, not too long, one line, and no placeholder but <c>{practice}</c> and <c>{operator}</c>.</summary>
    public static string? OperatorGreeting(string template)
    {
        if (template.Trim().Length == 0)
        {
            return "the operator greeting is empty";
        }

        if (template.Length > MaxGreetingLength)
        {
            return $"the operator greeting is {template.Length} characters; keep it to {MaxGreetingLength}";
        }

        if (template.Any(char.IsControl))
        {
            return "the operator greeting is one line without control characters";
        }

        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '}')
            {
                return "the operator greeting has a '}' without its '{'";
            }

            if (template[i] != '{')
            {
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                return "the operator greeting has a '{' without its '}'";
            }

            var placeholder = template[i..(end + 1)];
            if (placeholder is not PracticePlaceholder and not OperatorPlaceholder)
            {
                return $"the operator greeting names {placeholder}, which is unknown; use {PracticePlaceholder} and {OperatorPlaceholder}";
            }

            i = end;
        }

        return null;
    }

    /// <summary>The template with its placeholders filled, in one pass (a name holding <c>{operator}</c> stays as it is).</summary>
    internal static string Fill(string template, string practice, string operatorName)
    {
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                text.Append(template[i..(end + 1)] == PracticePlaceholder ? practice : operatorName);
                i = end;
                continue;
            }

            text.Append(template[i]);
        }

        return text.ToString();
    }
}
