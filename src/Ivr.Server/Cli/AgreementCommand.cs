using System.CommandLine;
using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr practice agreement record | show</c>: the practice's business associate agreement, entered by the
/// service's operator, who holds the signed paper. Recording one makes a new revision of the practice, so
/// the earlier agreements stay in its history; without one the practice's callers hear the emergency
/// instruction only (docs/baa.md).
/// </summary>
public static class AgreementCommand
{
    public static Command Create(CliContext context)
    {
        var agreement = context.WithExamples(
            new Command("agreement", "A practice's business associate agreement: without one its calls get the emergency instruction only."),
            "ivr practice agreement show --practice riverside-pediatrics");
        agreement.Subcommands.Add(Record(context));
        agreement.Subcommands.Add(Show(context));
        return agreement;
    }

    private static Command Record(CliContext context)
    {
        var record = new Command("record", "Record the agreement a practice signed; it replaces the current one, which stays in the practice's history.");
        var practice = CliOptions.Practice();
        var signed = CliOptions.Text("--signed", "the day the agreement was signed (the last signature), not after today", "YYYY-MM-DD", required: true);
        var version = CliOptions.Text("--version", "which text of the agreement was signed, e.g. 2026-1", "V", required: true);
        var practiceSigner = CliOptions.Text("--practice-signer", "who signed for the practice", "\"NAME, TITLE\"", required: true);
        var serviceSigner = CliOptions.Text("--service-signer", "who signed for the answering service", "\"NAME, TITLE\"", required: true);
        var by = CliOptions.By();
        foreach (var option in new Option[] { practice, signed, version, practiceSigner, serviceSigner, by })
        {
            record.Options.Add(option);
        }

        record.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var store = host.Services.GetRequiredService<IPracticeStore>();
            var current = await CliHost.PracticeAsync(store, parse.GetValue(practice)!);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var actor = CliHost.Actor(parse.GetValue(by));
            var entered = Read(
                current, now, parse.GetValue(signed)!, parse.GetValue(version)!, parse.GetValue(practiceSigner)!, parse.GetValue(serviceSigner)!) with
            {
                RecordedBy = actor,
                RecordedAt = now,
            };
            var revisions = await store.RevisionsAsync(current.Id, ct);
            int revision;
            try
            {
                revision = await store.SaveIfUnchangedAsync(current with { Agreement = entered }, actor, revisions[^1].Revision, ct);
            }
            catch (PracticeChangedException)
            {
                context.Error.WriteLine($"{current.Id} was changed while the agreement was being recorded; nothing was saved. Run the command again.");
                return 1;
            }

            var replaced = current.Agreement is { } earlier ? $"; replaces {earlier.Summary}" : string.Empty;
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(
                new AuditEntry(now, actor, "practice.agreement.record", "practice", current.Id, $"revision {revision}: {entered.Summary}{replaced}"), ct);
            context.Output.WriteLine($"recorded the business associate agreement of {current.Id} (revision {revision}): {entered.Summary}{replaced}");
            return 0;
        });
        return context.WithExamples(
            record,
            "ivr practice agreement record --practice riverside-pediatrics --signed 2026-11-02 --version 2026-1 --practice-signer \"Dana Whitfield, Practice Manager\" --service-signer \"Morgan Reyes, Operations Director\"");
    }

    private static Command Show(CliContext context)
    {
        var show = new Command("show", "The practice's agreement, and the earlier ones its history keeps; exits 1 when it has none.");
        var practice = CliOptions.Practice();
        show.Options.Add(practice);
        show.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var store = host.Services.GetRequiredService<IPracticeStore>();
            var current = await CliHost.PracticeAsync(store, parse.GetValue(practice)!);
            var output = context.Output;
            if (current.Agreement is not { } agreement)
            {
                output.WriteLine($"{current.Id}: no business associate agreement recorded. Its callers hear the emergency instruction only; nothing of them is kept.");
                output.WriteLine($"Record one: ivr practice agreement record --practice {current.Id} --signed YYYY-MM-DD --version V --practice-signer \"Name, Title\" --service-signer \"Name, Title\"");
            }
            else
            {
                output.WriteLine($"{current.Id}: business associate agreement");
                Write(output, agreement, "  ");
            }

            var earlier = (await store.RevisionsAsync(current.Id, ct))
                .Select(r => r.Practice.Agreement)
                .OfType<BusinessAssociateAgreement>()
                .Distinct()
                .Where(a => a != current.Agreement)
                .Reverse()
                .ToList();
            if (earlier.Count > 0)
            {
                output.WriteLine("Earlier agreements (newest first):");
                foreach (var old in earlier)
                {
                    output.WriteLine($"  - {old.Summary}");
                    Write(output, old, "    ");
                }
            }

            return current.Agreement is null ? 1 : 0;
        });
        return context.WithExamples(show, "ivr practice agreement show --practice riverside-pediatrics");
    }

    private static void Write(TextWriter output, BusinessAssociateAgreement agreement, string indent)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}signed:          {agreement.Signed:yyyy-MM-dd}"));
        output.WriteLine($"{indent}version:         {agreement.Version}");
        output.WriteLine($"{indent}practice signer: {agreement.PracticeSigner}");
        output.WriteLine($"{indent}service signer:  {agreement.ServiceSigner}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{indent}recorded by:     {(agreement.RecordedBy.Length > 0 ? agreement.RecordedBy : "-")} at {agreement.RecordedAt:yyyy-MM-dd HH:mm} UTC"));
    }

    /// <summary>The agreement as typed, or a <see cref="CommandLineException"/> naming every mistake.</summary>
    private static BusinessAssociateAgreement Read(Practice practice, DateTimeOffset now, string signedText, string version, string practiceSigner, string serviceSigner)
    {
        var problems = new List<string>();
        var today = DateOnly.FromDateTime(practice.Clock().Local(now));
        if (!PracticeRules.TryDate(signedText, out var signed))
        {
            problems.Add($"--signed takes a date like 2026-11-02, not '{signedText}'");
        }
        else if (AgreementRules.Signed(signed, today) is { } future)
        {
            problems.Add($"--signed: {future}");
        }

        if (AgreementRules.Version(version) is { } versionProblem)
        {
            problems.Add($"--version: {versionProblem}");
        }

        if (AgreementRules.Signer("practice", practiceSigner, out var forPractice) is { } practiceProblem)
        {
            problems.Add($"--practice-signer: {practiceProblem}");
        }

        if (AgreementRules.Signer("service", serviceSigner, out var forService) is { } serviceProblem)
        {
            problems.Add($"--service-signer: {serviceProblem}");
        }

        if (problems.Count > 0)
        {
            throw new CommandLineException(string.Join("; ", problems) + ". Nothing was recorded.");
        }

        return new BusinessAssociateAgreement { Signed = signed, Version = version.Trim(), PracticeSigner = forPractice!, ServiceSigner = forService! };
    }
}
