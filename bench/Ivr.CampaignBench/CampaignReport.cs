using System.Globalization;
using Ivr.Domain.Outbound;

namespace Ivr.CampaignBench;

/// <summary>
/// What the campaign run measured: its attempts (each with what the phone really was), how long it took, and the
/// inbound patients' calls meanwhile. <see cref="Print"/> writes it as the Markdown the other runs print.
/// </summary>
/// <param name="Patients">The campaign's patients.</param>
/// <param name="Channels">The campaign's calls at once.</param>
/// <param name="Attempts">Every attempt, with what its phone really was.</param>
/// <param name="Outcomes">Where the patients ended, by kind of phone.</param>
/// <param name="Took">From the start to the last attempt's end.</param>
/// <param name="Finished">Whether every patient was done (otherwise the run's limit stopped it).</param>
/// <param name="InboundCompleted">Inbound calls that completed.</param>
/// <param name="InboundFailed">Inbound calls that failed.</param>
/// <param name="InboundRate">Inbound calls a second.</param>
public sealed record CampaignReport(
    int Patients,
    int Channels,
    IReadOnlyList<(PhoneKind Kind, CampaignAttempt Attempt)> Attempts,
    IReadOnlyDictionary<(PhoneKind Kind, PatientProgress Progress), int> Outcomes,
    TimeSpan Took,
    bool Finished,
    long InboundCompleted,
    long InboundFailed,
    double InboundRate)
{
    public static readonly string[] AmdStatuses = ["HUMAN", "MACHINE", "NOTSURE"];

    /// <summary>Answered attempts of <paramref name="kind"/> that AMD said <paramref name="status"/> of.</summary>
    public int Amd(PhoneKind kind, string status) =>
        Attempts.Count(a => a.Kind == kind && a.Attempt.AmdStatus is { } said && string.Equals(said, status, StringComparison.OrdinalIgnoreCase));

    /// <summary>Answered attempts (AMD ran) of people and machines.</summary>
    public int Judged => Attempts.Count(a => a.Kind != PhoneKind.Unanswered && a.Attempt.AmdStatus is not null);

    /// <summary>People AMD called HUMAN and machines it called MACHINE, of every judged attempt (NOTSURE counts as wrong).</summary>
    public double? Accuracy => Judged == 0 ? null : (double)(Amd(PhoneKind.Person, "HUMAN") + Amd(PhoneKind.Machine, "MACHINE")) / Judged;

    /// <summary>Attempts a minute over the whole run.</summary>
    public double AttemptsPerMinute => Took <= TimeSpan.Zero ? 0 : Attempts.Count / Took.TotalMinutes;

    public void Print(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Campaign: {Patients} patients (people, answering machines, phones nobody answers: 5/3/2), {Channels} calls at once, inbound patients at {InboundRate:0.#} a second meanwhile."));
        output.WriteLine();
        output.WriteLine("| patients | attempts | attempts a minute | time to finish | finished | inbound completed | inbound failed |");
        output.WriteLine("|---:|---:|---:|---:|---|---:|---:|");
        output.WriteLine(string.Create(c, $"| {Patients} | {Attempts.Count} | {AttemptsPerMinute:0.0} | {Took:h\\:mm\\:ss} | {(Finished ? "yes" : "no: stopped at the limit")} | {InboundCompleted} | {InboundFailed} |"));
        output.WriteLine();
        output.WriteLine("| phone really was | attempts | AMD said HUMAN | MACHINE | NOTSURE | no AMD (not answered or failed) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var kind in Enum.GetValues<PhoneKind>())
        {
            var all = Attempts.Count(a => a.Kind == kind);
            var none = Attempts.Count(a => a.Kind == kind && a.Attempt.AmdStatus is null);
            output.WriteLine(string.Create(c, $"| {Word(kind)} | {all} | {Amd(kind, "HUMAN")} | {Amd(kind, "MACHINE")} | {Amd(kind, "NOTSURE")} | {none} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(c, $"AMD accuracy (people HUMAN and machines MACHINE, of {Judged} answered attempts; NOTSURE counts as wrong): {(Accuracy is { } a ? a.ToString("0.0%", c) : "-")}"));
        output.WriteLine();
        output.WriteLine("| phone really was | " + string.Join(" | ", Enum.GetValues<PatientProgress>().Select(Word)) + " |");
        output.WriteLine("|---|" + string.Concat(Enum.GetValues<PatientProgress>().Select(_ => "---:|")));
        foreach (var kind in Enum.GetValues<PhoneKind>())
        {
            output.WriteLine($"| {Word(kind)} | " + string.Join(" | ", Enum.GetValues<PatientProgress>().Select(p => Outcomes.GetValueOrDefault((kind, p)).ToString(c))) + " |");
        }

        output.WriteLine();
        var results = Attempts.GroupBy(a => a.Attempt.Result?.ToString() ?? "open").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine(string.Create(c, $"Attempts by result: {string.Join(", ", results)}"));
    }

    private static string Word(PhoneKind kind) => kind switch
    {
        PhoneKind.Person => "person",
        PhoneKind.Machine => "machine",
        _ => "no answer",
    };

    private static string Word(PatientProgress progress) => progress switch
    {
        PatientProgress.VoicemailLeft => "voicemail left",
        PatientProgress.OptedOut => "opted out",
        PatientProgress.NeedsOfficeCall => "needs the office",
        _ => progress.ToString().ToLowerInvariant(),
    };
}
