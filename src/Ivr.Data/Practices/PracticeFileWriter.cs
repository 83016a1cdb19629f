using System.Globalization;
using System.Text;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Triage;

namespace Ivr.Data.Practices;

/// <summary>Writes a practice in the file format <see cref="PracticeFileReader"/> reads, so export and import round-trip.</summary>
public static partial class PracticeFileWriter
{
    public static string Write(Practice practice)
    {
        var y = new StringBuilder();
        y.AppendLine(CultureInfo.InvariantCulture, $"id: {Q(practice.Id)}");
        y.AppendLine(CultureInfo.InvariantCulture, $"name: {Q(practice.Name)}");
        y.AppendLine(CultureInfo.InvariantCulture, $"timeZone: {Q(practice.TimeZone)}");
        y.AppendLine(CultureInfo.InvariantCulture, $"numbers: [{string.Join(", ", practice.Numbers.Select(Q))}]");
        y.AppendLine(CultureInfo.InvariantCulture, $"coverage: {Q(CoverageModes.Name(practice.Coverage))}");
        if (practice.Office is not null || !practice.OfficeWords.IsEmpty)
        {
            WriteOffice(y, practice.Office, practice.OfficeWords);
        }

        if (!MainMenuRules.IsDefault(practice.Menu))
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"menu: {{ {string.Join(", ", practice.Menu.Options.Select(o => $"{MainMenuRules.Name(o.Choice)}: {o.Key}"))} }}");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"greeting: {Q(practice.GreetingPromptId)}");
        if (practice.GreetingText.Length > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"greetingText: {Q(practice.GreetingText)}");
        }
        y.AppendLine(CultureInfo.InvariantCulture, $"namePrompt: {Q(practice.NamePromptId)}");
        if (practice.EmergencyFallbackDial.Length > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"emergencyFallback: {Q(practice.EmergencyFallbackDial)}");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"ringSeconds: {(int)practice.RingTimeout.TotalSeconds}");
        y.AppendLine(CultureInfo.InvariantCulture, $"escalation: {{ repeatSeconds: {(int)practice.Escalation.RepeatEvery.TotalSeconds}, attempts: {practice.Escalation.AttemptsPerContact} }}");
        if (practice.WebhookUrl.Length > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"webhook: {Q(practice.WebhookUrl)}");
        }

        if (practice.Agreement is { } agreement)
        {
            y.AppendLine("agreement:");
            y.AppendLine(CultureInfo.InvariantCulture, $"  signed: {agreement.Signed:yyyy-MM-dd}");
            y.AppendLine(CultureInfo.InvariantCulture, $"  version: {Q(agreement.Version)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"  practiceSigner: {{ name: {Q(agreement.PracticeSigner.Name)}, title: {Q(agreement.PracticeSigner.Title)} }}");
            y.AppendLine(CultureInfo.InvariantCulture, $"  serviceSigner: {{ name: {Q(agreement.ServiceSigner.Name)}, title: {Q(agreement.ServiceSigner.Title)} }}");
            if (agreement.RecordedBy.Length > 0)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"  recordedBy: {Q(agreement.RecordedBy)}");
                y.AppendLine(CultureInfo.InvariantCulture, $"  recordedAt: {Q(agreement.RecordedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}");
            }
        }

        if (!practice.Desk.IsDefault)
        {
            WriteDesk(y, practice.Desk);
        }

        if (!practice.Triage.IsDefault)
        {
            WriteTriage(y, practice.Triage);
        }

        if (!practice.Outbound.IsDefault)
        {
            WriteOutbound(y, practice.Outbound);
        }

        WriteEhr(y, practice.Ehr);

        y.AppendLine("hours:");
        WriteHours(y, practice.Hours, "  ");

        y.AppendLine("holidays:");
        if (practice.Holidays.Preset is { } preset)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  preset: {Q(preset)}");
        }

        y.AppendLine("  dates:" + (practice.Holidays.Dates.Count == 0 ? " []" : string.Empty));
        foreach (var holiday in practice.Holidays.Dates)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"    - {{ date: {holiday.Date:yyyy-MM-dd}, name: {Q(holiday.Name)} }}");
        }

        y.AppendLine("closures:" + (practice.Closures.Count == 0 ? " []" : string.Empty));
        foreach (var closure in practice.Closures)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ from: \"{closure.From:yyyy-MM-ddTHH:mm}\", until: \"{closure.Until:yyyy-MM-ddTHH:mm}\", reason: {Q(closure.Reason)} }}");
        }

        y.AppendLine("clinicians:" + (practice.Clinicians.Count == 0 ? " []" : string.Empty));
        foreach (var clinician in practice.Clinicians)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - id: {Q(clinician.Id)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    name: {Q(clinician.Name)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    role: {Q(Role(clinician.Role))}");
            y.AppendLine("    contacts:" + (clinician.Contacts.Count == 0 ? " []" : string.Empty));
            foreach (var contact in clinician.Contacts)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"      - {{ {contact.Kind.ToString().ToLowerInvariant()}: {Q(contact.Address)}, verified: {(contact.Verified ? "true" : "false")} }}");
            }
        }

        y.AppendLine("rotations:" + (practice.Rotations.Count == 0 ? " []" : string.Empty));
        foreach (var rotation in practice.Rotations)
        {
            var handoff = rotation.Handoff.ToString("HH\\:mm", CultureInfo.InvariantCulture);
            y.AppendLine(CultureInfo.InvariantCulture, $"  - name: {Q(rotation.Name)}");
            var layer = rotation.Layer is Layers.Primary or Layers.Backup ? Layers.Name(rotation.Layer) : rotation.Layer.ToString(CultureInfo.InvariantCulture);
            y.AppendLine(CultureInfo.InvariantCulture, $"    layer: {Q(layer)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    period: {Q(rotation.Period.ToString().ToLowerInvariant())}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    handoff: {Q(rotation.Period == RotationPeriod.Weekly ? $"{rotation.HandoffDay.ToString().ToLowerInvariant()} {handoff}" : handoff)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    start: {rotation.Start:yyyy-MM-dd}");
            y.AppendLine(CultureInfo.InvariantCulture, $"    members: [{string.Join(", ", rotation.Members.Select(Q))}]");
        }

        return y.ToString();
    }

    /// <summary>The <c>office:</c> section: the line rung first, and the words of the office information, each only when there.</summary>
    private static void WriteOffice(StringBuilder y, OfficeLine? line, OfficeWords words)
    {
        y.AppendLine("office:");
        if (line is not null)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  dial: {Q(line.DialString)}");
            y.AppendLine(CultureInfo.InvariantCulture, $"  ringSeconds: {(int)line.RingTimeout.TotalSeconds}");
        }

        foreach (var (key, text) in new[] { ("address", words.Address), ("directions", words.Directions), ("fax", words.Fax), ("website", words.Website) })
        {
            if (text.Length > 0)
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"  {key}: {Q(text)}");
            }
        }
    }

    /// <summary>The <c>outbound:</c> section, written only when a setting differs from its default so older files export as they were.</summary>
    private static void WriteOutbound(StringBuilder y, OutboundSettings outbound)
    {
        y.AppendLine("outbound:");
        y.AppendLine(CultureInfo.InvariantCulture, $"  window: \"{outbound.Rules.WindowStart:HH\\:mm}-{outbound.Rules.WindowEnd:HH\\:mm}\"");
        y.AppendLine(CultureInfo.InvariantCulture, $"  callsPerDay: {outbound.Rules.MaxPerDay}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  callsPerWeek: {outbound.Rules.MaxPerWeek}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  maxChannels: {outbound.MaxChannels}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  retry: {{ maxAttempts: {outbound.Retry.MaxAttempts}, waits: \"{string.Join(", ", outbound.Retry.Waits.Select(OutboundSettings.Wait))}\" }}");
    }

    /// <summary>The <c>triage:</c> section, written only when a rung differs from its default, and then only those rungs.</summary>
    private static void WriteTriage(StringBuilder y, TriageSettings triage)
    {
        y.AppendLine("triage:");
        y.AppendLine("  actions:");
        foreach (var disposition in Dispositions.All.Where(d => triage.ActionsFor(d) != DispositionActions.For(d)))
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"    {Dispositions.Code(disposition)}: [{string.Join(", ", TriageActionRules.Names(triage.ActionsFor(disposition)))}]");
        }
    }

    /// <summary>The <c>desk:</c> section, written only when a setting differs from its default so older files export as they were.</summary>
    private static void WriteDesk(StringBuilder y, DeskSettings desk)
    {
        y.AppendLine("desk:");
        y.AppendLine(CultureInfo.InvariantCulture, $"  livePerson: {Q(DeskRules.Name(desk.LivePerson))}");
        if (desk.OperatorHours.Days.Values.Any(d => d.Count > 0))
        {
            y.AppendLine("  operatorHours:");
            WriteHours(y, desk.OperatorHours, "    ");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"  maxHoldSeconds: {(int)desk.MaxHold.TotalSeconds}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  afterMaxHoldDoctor: {(desk.AfterMaxHoldDoctor ? "true" : "false")}");
        y.AppendLine(CultureInfo.InvariantCulture, $"  serviceLevel: {{ percent: {desk.ServiceLevelTarget.Percent}, seconds: {(int)desk.ServiceLevelTarget.Within.TotalSeconds} }}");
        if (desk.Instructions.Length > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  instructions: {Q(desk.Instructions)}");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"  operatorGreeting: {Q(desk.OperatorGreeting)}");
        if (desk.UrgentLines.Count > 0)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  urgentLines: [{string.Join(", ", desk.UrgentLines.Select(Q))}]");
        }

        if (desk.NurseOption)
        {
            y.AppendLine("  nurseOption: true");
        }

        if (desk.NurseRoute != NurseRoute.None)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  nurseRoute: {Q(DeskRules.Name(desk.NurseRoute))}");
        }
    }

    private static void WriteHours(StringBuilder y, WeeklyHours hours, string indent)
    {
        foreach (var day in Week)
        {
            var intervals = hours.On(day);
            y.AppendLine(CultureInfo.InvariantCulture, $"{indent}{day.ToString().ToLowerInvariant()}: {Q(intervals.Count == 0 ? "closed" : string.Join(", ", intervals))}");
        }
    }

    private static string Role(ClinicianRole role) => role == ClinicianRole.PracticeAdmin ? "practice-admin" : role.ToString().ToLowerInvariant();

    private static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A double-quoted YAML scalar.</summary>
    private static string Q(string value) => "\"" + value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
