using System.Globalization;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Settings;

/// <summary>
/// Which settings differ between two revisions of a practice, each as before and after in words:
/// <c>Hours Friday: 08:00-12:00, 13:00-17:00 → 08:00-17:00</c>. Settings the portal does not edit
/// (clinicians, rotations, numbers: what an import changes) are compared too, so no change goes unlisted.
/// </summary>
public static class SettingsDiff
{
    public static IReadOnlyList<SettingChange> Between(Practice before, Practice after)
    {
        var changes = new List<SettingChange>();
        void Compare(string setting, string was, string now)
        {
            if (was != now)
            {
                changes.Add(new SettingChange(setting, was, now));
            }
        }

        Compare("Name", before.Name, after.Name);
        Compare("Time zone", before.TimeZone, after.TimeZone);
        Compare("Numbers", List(before.Numbers), List(after.Numbers));
        Compare("Coverage", CoverageModes.Name(before.Coverage), CoverageModes.Name(after.Coverage));
        foreach (var day in SettingsValidator.Week)
        {
            Compare($"Hours {day}", Hours(before.Hours, day), Hours(after.Hours, day));
        }

        Compare("US federal holidays", before.Holidays.Preset == UsFederalHolidays.PresetName ? "on" : "off", after.Holidays.Preset == UsFederalHolidays.PresetName ? "on" : "off");
        Keyed(changes, "Holiday", before.Holidays.Dates, after.Holidays.Dates, h => Date(h.Date), h => h.Name);
        Keyed(changes, "Closure", before.Closures, after.Closures, c => $"{Local(c.From)} to {Local(c.Until)}", c => c.Reason);
        Compare("Greeting", Greeting(before), Greeting(after));
        Compare("Escalation", Escalation(before.Escalation), Escalation(after.Escalation));
        Compare("Live person", DeskRules.Name(before.Desk.LivePerson), DeskRules.Name(after.Desk.LivePerson));
        foreach (var day in SettingsValidator.Week)
        {
            Compare($"Operator hours {day}", Hours(before.Desk.OperatorHours, day), Hours(after.Desk.OperatorHours, day));
        }

        Compare("Maximum hold", Seconds(before.Desk.MaxHold), Seconds(after.Desk.MaxHold));
        Compare("Doctor after maximum hold", before.Desk.AfterMaxHoldDoctor ? "offered" : "not offered", after.Desk.AfterMaxHoldDoctor ? "offered" : "not offered");
        Compare("Service level target", before.Desk.ServiceLevelTarget.ToString(), after.Desk.ServiceLevelTarget.ToString());
        Compare("Operator instructions", Quoted(before.Desk.Instructions), Quoted(after.Desk.Instructions));
        Compare("Operator greeting", Quoted(before.Desk.OperatorGreeting), Quoted(after.Desk.OperatorGreeting));
        Compare("Office line", Office(before.Office), Office(after.Office));
        Compare("Main menu", MainMenuRules.Words(before.Menu), MainMenuRules.Words(after.Menu));
        Compare("Office address", Quoted(before.OfficeWords.Address), Quoted(after.OfficeWords.Address));
        Compare("Office directions", Quoted(before.OfficeWords.Directions), Quoted(after.OfficeWords.Directions));
        Compare("Office fax", Text(before.OfficeWords.Fax), Text(after.OfficeWords.Fax));
        Compare("Office website", Text(before.OfficeWords.Website), Text(after.OfficeWords.Website));
        Compare("Name prompt", before.NamePromptId, after.NamePromptId);
        Compare("Emergency fallback", Text(before.EmergencyFallbackDial), Text(after.EmergencyFallbackDial));
        Compare("Ring time", Seconds(before.RingTimeout), Seconds(after.RingTimeout));
        Compare("Webhook", Text(before.WebhookUrl), Text(after.WebhookUrl));
        Compare("Business associate agreement", Agreement(before.Agreement), Agreement(after.Agreement));
        foreach (var rung in Dispositions.All)
        {
            Compare($"Triage {Dispositions.Code(rung)}", Actions(before.Triage.ActionsFor(rung)), Actions(after.Triage.ActionsFor(rung)));
        }

        Compare("Outbound calls", before.Outbound.Words(), after.Outbound.Words());
        Keyed(changes, "Clinician", before.Clinicians, after.Clinicians, c => c.Id, Clinician);
        Keyed(changes, "Rotation", before.Rotations, after.Rotations, r => r.Name, Rotation);
        return changes;
    }

    /// <summary><c>version 2026-1 signed 2026-11-02 by Dana Whitfield, Practice Manager and Morgan Reyes, Operations Director</c>, or none.</summary>
    public static string Agreement(BusinessAssociateAgreement? agreement) =>
        agreement is null ? "none" : $"{agreement.Summary} by {agreement.PracticeSigner} and {agreement.ServiceSigner}";

    /// <summary>A rung's actions in the file's words: <c>urgent-message, appointment-request</c>.</summary>
    public static string Actions(TriageActions actions) => string.Join(", ", TriageActionRules.Names(actions));

    /// <summary><c>repeat every 300 s × 3</c>.</summary>
    public static string Escalation(EscalationPolicy policy) => $"repeat every {policy.RepeatEvery.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s × {policy.AttemptsPerContact}";

    /// <summary>The greeting's words in quotes when the practice typed them, else its prompt id.</summary>
    public static string Greeting(Practice practice) =>
        practice.GreetingText.Length > 0 ? $"“{practice.GreetingText}”" : $"prompt {practice.GreetingPromptId}";

    public static string Hours(WeeklyHours hours, DayOfWeek day) => hours.On(day) is { Count: > 0 } intervals ? string.Join(", ", intervals) : "closed";

    /// <summary>Items matched by key: one change per item added, removed or altered.</summary>
    private static void Keyed<T>(List<SettingChange> changes, string setting, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key, Func<T, string> describe)
    {
        var was = before.GroupBy(key).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(describe)), StringComparer.Ordinal);
        var now = after.GroupBy(key).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(describe)), StringComparer.Ordinal);
        foreach (var id in was.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var old = was.GetValueOrDefault(id, SettingChange.None);
            var current = now.GetValueOrDefault(id, SettingChange.None);
            if (old != current)
            {
                changes.Add(new SettingChange($"{setting} {id}", old, current));
            }
        }
    }

    private static string Clinician(Clinician c) =>
        $"{c.Name} ({c.Role.ToString().ToLowerInvariant()}; {(c.Contacts.Count == 0 ? "no contacts" : string.Join(", ", c.Contacts.Select(k => $"{k.Kind.ToString().ToLowerInvariant()} {k.Address}{(k.Verified ? string.Empty : " unverified")}")))})";

    private static string Rotation(Rotation r) =>
        $"{Layers.Name(r.Layer)}, {r.Period.ToString().ToLowerInvariant()} handoff {(r.Period == RotationPeriod.Weekly ? r.HandoffDay + " " : string.Empty)}{r.Handoff:HH\\:mm} from {Date(r.Start)}: {string.Join(", ", r.Members)}";

    private static string Office(OfficeLine? office) => office is null ? "none" : $"{office.DialString}, rings {Seconds(office.RingTimeout)}";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Quoted(string value) => value.Length == 0 ? "none" : $"“{value}”";

    private static string Text(string value) => value.Length == 0 ? "none" : value;

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
