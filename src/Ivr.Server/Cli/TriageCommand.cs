using System.CommandLine;
using System.Globalization;
using Ivr.Data.Fhir;
using Ivr.Domain.Audit;
using Ivr.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr triage show ID [--fhir]</c>: a kept triage's pathway, or its FHIR R4 export (the read is audited).</summary>
public static class TriageCommand
{
    public static Command Create(CliContext context)
    {
        var triage = context.WithExamples(
            new Command("triage", "Nurse triages kept with their calls: read one (audited), as text or FHIR R4."),
            "ivr triage show 3", "ivr triage show 3 --fhir > triage-3.json");

        var show = new Command("show", "A triage's whole pathway: protocols and versions, each question and answer, the dispositions, the override, the advice given.");
        var id = new Argument<long>("ID") { Description = "the triage record's id" };
        var fhir = CliOptions.Flag("--fhir", "print the FHIR R4 Bundle (QuestionnaireResponse and Observation) the EHR receives");
        var by = CliOptions.By("not trusted for a read: the read is audited as the operating-system user, with this name beside it");
        show.Arguments.Add(id);
        show.Options.Add(fhir);
        show.Options.Add(by);
        show.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var triageId = parse.GetValue(id);
            var record = await host.Services.GetRequiredService<ITriageRecordStore>().GetAsync(triageId, ct);
            if (record is null)
            {
                context.Error.WriteLine($"ivr triage show: no triage {triageId}.");
                return 1;
            }

            var asFhir = parse.GetValue(fhir);
            var said = parse.GetValue(by) is { } name ? $" (said --by {name})" : string.Empty;
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(
                new AuditEntry(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CliHost.Reader, asFhir ? "triage.export" : "triage.show", "triage", triageId.ToString(CultureInfo.InvariantCulture),
                    (asFhir ? "exported as FHIR" : "pathway viewed") + said),
                ct);
            context.Output.WriteLine(asFhir ? TriageFhirExport.Json(record) : Describe(record));
            return 0;
        });
        triage.Subcommands.Add(context.WithExamples(show, "ivr triage show 3", "ivr triage show 3 --fhir"));
        return triage;
    }

    /// <summary>The pathway in words, in the order it happened.</summary>
    public static string Describe(TriageRecord record)
    {
        var pathway = record.Pathway;
        var lines = new List<string>
        {
            $"Triage {record.Id} for {record.PracticeId} (call {record.CallRecordId}{(record.MessageId is { } message ? $", message {message}" : string.Empty)}): "
                + $"final {Dispositions.Code(pathway.Final)} ({Dispositions.Words(pathway.Final)}), computed {Dispositions.Code(pathway.Computed)}",
            $"  nurse {pathway.Nurse}, {pathway.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {pathway.CompletedAt.UtcDateTime:HH:mm:ss} UTC",
        };
        foreach (var protocol in pathway.Protocols)
        {
            var example = protocol.IsExample ? $", {TriageProtocol.ExampleNotice}" : string.Empty;
            var reached = protocol.Reached is { } d ? Dispositions.Code(d) : "left unfinished";
            lines.Add($"  {protocol.Id} version {protocol.Version} ({protocol.Title}{example}): {reached}");
            lines.AddRange(protocol.Answers.Select(a => $"    {(a.Yes ? "yes" : "no "),-3}  {a.Question}"));
            if (protocol.CareAdvice.Length > 0)
            {
                lines.Add($"    advice: {protocol.CareAdvice.ReplaceLineEndings(" ")}");
            }
        }

        if (pathway.Override is { } overridden)
        {
            lines.Add($"  override {overridden.Direction.ToString().ToLowerInvariant()} from {Dispositions.Code(overridden.From)} to {Dispositions.Code(overridden.To)} by {overridden.By}: {overridden.Reason}");
        }

        if (pathway.NeedsPhysicianReview)
        {
            lines.Add(record.ReviewedAt is { } at
                ? $"  reviewed by {record.ReviewedBy} at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC"
                : "  awaiting the on-call physician's review (a downgrade)");
        }

        if (pathway.Note.Length > 0)
        {
            lines.Add($"  note: {pathway.Note}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
