using Ivr.Data.Practices;
using System.CommandLine;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary><c>ivr practice import FILE... | export P | list | agreement</c>: practices as files under version control.</summary>
public static class PracticeCommand
{
    public static Command Create(CliContext context)
    {
        var practice = context.WithExamples(
            new Command("practice", "Practices as files under version control: import, export, list."),
            "ivr practice import practices/*.yaml", "ivr practice list");

        var import = new Command("import", "Create or replace practices from YAML/JSON files; every file is checked first, a bad one imports nothing.");
        var files = new Argument<string[]>("FILE") { Description = "practice files (.yaml, .yml, .json)", Arity = ArgumentArity.OneOrMore };
        var by = CliOptions.By();
        import.Arguments.Add(files);
        import.Options.Add(by);
        import.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            // Greetings typed in the portal were rendered into the sounds folder; an export of such a practice imports again.
            var prompts = PromptManifest.Load(
                host.Services.GetRequiredService<IOptions<PracticesOptions>>().Value.PromptManifest,
                host.Services.GetRequiredService<IOptions<PromptsOptions>>().Value.SoundsDirectory);
            if (prompts is null)
            {
                context.Error.WriteLine("warning: no prompt manifest found (Practices:PromptManifest); greeting and name prompts are not checked.");
            }

            return await ImportAsync(
                parse.GetValue(files)!, prompts, host.Services.GetRequiredService<IPracticeStore>(), host.Services.GetRequiredService<IAuditLog>(),
                CliHost.Actor(parse.GetValue(by)), host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), context.Output, context.Error);
        });
        practice.Subcommands.Add(context.WithExamples(import, "ivr practice import practices/riverside-pediatrics.yaml --by alice", "ivr practice import practices/*.yaml"));

        var export = new Command("export", "A practice as a file (import reads it back).");
        var id = new Argument<string>("PRACTICE") { Description = "the practice's id (see ivr practice list)" };
        export.Arguments.Add(id);
        export.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            context.Output.Write(PracticeFileWriter.Write(await CliHost.PracticeAsync(host.Services.GetRequiredService<IPracticeStore>(), parse.GetValue(id)!)));
            return 0;
        });
        practice.Subcommands.Add(context.WithExamples(export, "ivr practice export riverside-pediatrics > riverside-pediatrics.yaml"));

        var list = new Command("list", "Practices, their coverage modes and numbers.");
        list.SetAction(async (_, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            context.Output.WriteLine($"{"PRACTICE",-26} {"COVERAGE",-12} {"TIME ZONE",-20} NUMBERS");
            foreach (var p in await host.Services.GetRequiredService<IPracticeStore>().ListAsync())
            {
                context.Output.WriteLine($"{p.Id,-26} {CoverageModes.Name(p.Coverage),-12} {p.TimeZone,-20} {string.Join(", ", p.Numbers)}");
            }

            return 0;
        });
        practice.Subcommands.Add(context.WithExamples(list, "ivr practice list"));
        practice.Subcommands.Add(WebhookSecretCommand.Create(context));
        practice.Subcommands.Add(AgreementCommand.Create(context));
        return practice;
    }

    private static async Task<int> ImportAsync(string[] files, IReadOnlySet<string>? prompts, IPracticeStore store, IAuditLog audit, string actor, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        // Every file is read and checked before any is saved: a bad file saves nothing.
        var practices = new List<Practice>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var read = PracticeFileReader.Read(file, prompts);
                if (read.Agreement is { } agreement && AgreementRules.Signed(agreement.Signed, DateOnly.FromDateTime(read.Clock().Local(now))) is { } future)
                {
                    errors.Add($"{file}: agreement: {future}");
                }

                practices.Add(read);
            }
            catch (PracticeFileException exception)
            {
                errors.AddRange(exception.Errors);
            }
            catch (IOException exception)
            {
                errors.Add($"{file}: {exception.Message}");
            }
        }

        if (errors.Count > 0)
        {
            errors.ForEach(error.WriteLine);
            error.WriteLine($"nothing imported: {errors.Count} error(s).");
            return 1;
        }

        foreach (var file in practices)
        {
            // A file without an agreement keeps the one recorded (ivr practice agreement record); one with it is stamped with this import.
            var stored = await store.GetAsync(file.Id);
            var practice = file with { Agreement = file.Agreement?.StampedBy(actor, now) ?? stored?.Agreement };
            int revision;
            try
            {
                revision = await store.SaveAsync(practice, actor);
            }
            catch (PracticeConflictException exception)
            {
                error.WriteLine($"{practice.Id}: {exception.Message}");
                return 1;
            }

            await audit.RecordAsync(new AuditEntry(now, actor, "practice.import", "practice", practice.Id, $"revision {revision}"));
            output.WriteLine($"imported {practice.Id} (revision {revision}): {practice.Numbers.Count} number(s), {practice.Clinicians.Count} clinician(s), {practice.Rotations.Count} rotation(s), coverage {CoverageModes.Name(practice.Coverage)}");
            output.WriteLine(practice.Agreement switch
            {
                null => $"  warning: no business associate agreement recorded: its callers hear the emergency instruction only until one is (ivr practice agreement record --practice {practice.Id} ...)",
                { } kept when file.Agreement is null => $"  agreement: kept the recorded one, {kept.Summary}",
                { } agreement => $"  agreement: {agreement.Summary}",
            });
            var findings = ScheduleCheck.Run(new OnCallSchedule(practice, await store.OverridesAsync(practice.Id, now, now.AddDays(14))), now, now.AddDays(14));
            foreach (var finding in findings)
            {
                output.WriteLine($"  warning: {finding.Message}");
            }

            // The office information is rendered by the service (at start, then hourly) or on saving in the portal.
            if (prompts is not null && OfficePrompts.Missing(practice, prompts, now) is { Count: > 0 } unrendered)
            {
                output.WriteLine($"  warning: {unrendered.Count} sentence(s) of the office information are not rendered into audio yet; callers hear \"please call back during office hours\" until the service renders them (at its start, then every hour)");
            }
        }

        return 0;
    }
}
