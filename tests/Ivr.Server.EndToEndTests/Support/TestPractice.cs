using System.Globalization;
using System.Text;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>
/// A practice file for one test: its number, its doctors (SIPp phones, each on a layer of its own,
/// on call all day), and its coverage. Imported before the service starts, as `ivr practice import` would.
/// </summary>
public sealed record TestPractice(string Id, string Name, string Number, int[] DoctorPorts)
{
    /// <summary>24/7 unless <see cref="OfficePort"/> is set, then overflow with the office open all day, every day.</summary>
    public int? OfficePort { get; init; }

    /// <summary>The SIP port of the practice's emergency fallback, if it has one.</summary>
    public int? EmergencyFallbackPort { get; init; }

    /// <summary>Clinician ids are PREFIX-1, PREFIX-2, …; defaults to <c>dr</c>.</summary>
    public string DoctorPrefix { get; init; } = "dr";

    /// <summary>Pages repeat this often (seconds), <see cref="EscalationAttempts"/> times a contact; null keeps the practice default.</summary>
    public int? EscalationSeconds { get; init; }

    public int EscalationAttempts { get; init; } = 2;

    /// <summary>Each doctor also has an email, doctorN@riverside.test.</summary>
    public bool DoctorsHaveEmail { get; init; }

    /// <summary>The practice's webhook URL, if any.</summary>
    public string? Webhook { get; init; }

    /// <summary>The practice's business associate agreement is recorded (the default); without it its calls get the emergency instruction only.</summary>
    public bool HasAgreement { get; init; } = true;

    /// <summary>The practice's maximum hold at the desk, in seconds; the default (90) when null.</summary>
    public int? DeskMaxHoldSeconds { get; init; }

    /// <summary>A second number of the practice, its urgent line: callers on it go to the desk's queue as urgent.</summary>
    public string? UrgentLine { get; init; }

    /// <summary>Whether the main menu offers the nurse line ("to speak with a nurse, press 3").</summary>
    public bool NurseOption { get; init; }

    /// <summary>More sections of the practice file, as YAML lines (hours, office words, menu, ehr); none by default.</summary>
    public string MoreYaml { get; init; } = string.Empty;

    public string Greeting => $"greeting-{Id}";

    public static TestPractice Riverside(params int[] doctorPorts) => new("riverside-pediatrics", "Riverside Pediatrics", PatientCall.PracticeNumber, doctorPorts);

    public static TestPractice Harbor(params int[] doctorPorts) => new("harbor-internal-medicine", "Harbor Internal Medicine", "15550200", doctorPorts);

    public string Yaml()
    {
        var y = new StringBuilder();
        y.AppendLine(CultureInfo.InvariantCulture, $"id: {Id}");
        y.AppendLine(CultureInfo.InvariantCulture, $"name: {Name}");
        y.AppendLine("timeZone: America/New_York");
        y.AppendLine(CultureInfo.InvariantCulture, $"numbers: [\"{Number}\"{(UrgentLine is { } urgent ? $", \"{urgent}\"" : string.Empty)}]");
        if (OfficePort is { } office)
        {
            y.AppendLine("coverage: overflow");
            y.AppendLine(CultureInfo.InvariantCulture, $"office: {{ dial: \"PJSIP/sipp/sip:office@127.0.0.1:{office}\", ringSeconds: 6 }}");
            y.AppendLine("hours:");
            foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
            {
                y.AppendLine(CultureInfo.InvariantCulture, $"  {day}: \"00:00-24:00\"");
            }
        }
        else
        {
            y.AppendLine("coverage: 24/7");
        }

        y.AppendLine(CultureInfo.InvariantCulture, $"greeting: {Greeting}");
        y.AppendLine(CultureInfo.InvariantCulture, $"namePrompt: practice-name-{Id}");
        y.AppendLine("ringSeconds: 6");
        if (EscalationSeconds is { } repeat)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"escalation: {{ repeatSeconds: {repeat}, attempts: {EscalationAttempts} }}");
        }

        if (Webhook is { } webhook)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"webhook: \"{webhook}\"");
        }

        if (EmergencyFallbackPort is { } fallback)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"emergencyFallback: \"PJSIP/sipp/sip:fallback@127.0.0.1:{fallback}\"");
        }
        if (DeskMaxHoldSeconds is not null || UrgentLine is not null || NurseOption)
        {
            var desk = new List<string>();
            if (DeskMaxHoldSeconds is { } maxHold)
            {
                desk.Add(string.Create(CultureInfo.InvariantCulture, $"maxHoldSeconds: {maxHold}, instructions: \"Never page for prescription refills.\""));
            }

            if (UrgentLine is { } line)
            {
                desk.Add($"urgentLines: [\"{line}\"]");
            }

            if (NurseOption)
            {
                desk.Add("nurseOption: true");
            }

            y.AppendLine(CultureInfo.InvariantCulture, $"desk: {{ {string.Join(", ", desk)} }}");
        }

        if (HasAgreement)
        {
            y.AppendLine(TestAgreements.Yaml);
        }

        if (MoreYaml.Length > 0)
        {
            y.AppendLine(MoreYaml.TrimEnd());
        }

        y.AppendLine("clinicians:" + (DoctorPorts.Length == 0 ? " []" : string.Empty));
        for (var i = 0; i < DoctorPorts.Length; i++)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: {DoctorPrefix}-{i + 1}, name: Doctor {i + 1}, contacts: [{{ sip: \"PJSIP/sipp/sip:doctor{i + 1}@127.0.0.1:{DoctorPorts[i]}\", verified: true }}{(DoctorsHaveEmail ? $", {{ email: doctor{i + 1}@riverside.test, verified: true }}" : string.Empty)}] }}");
        }

        y.AppendLine("rotations:" + (DoctorPorts.Length == 0 ? " []" : string.Empty));
        for (var i = 0; i < DoctorPorts.Length; i++)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: layer-{i + 1}, layer: {i + 1}, period: daily, handoff: \"00:00\", start: 2026-01-01, members: [{DoctorPrefix}-{i + 1}] }}");
        }

        return y.ToString();
    }
}
