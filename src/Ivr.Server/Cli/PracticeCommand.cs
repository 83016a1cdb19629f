using Ivr.Data.Practices;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Server.Practices;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr practice import FILE... | export P | list</c>: practices as files under version control.</summary>
public static class PracticeCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error)
    {
        var verb = arguments.Positional.FirstOrDefault() ?? throw new CommandLineException("say what to do: ivr practice import FILE... | export PRACTICE | list");
        using var host = await CliHost.OpenAsync(arguments);
        var store = host.Services.GetRequiredService<IPracticeStore>();
        var time = host.Services.GetRequiredService<TimeProvider>();
        switch (verb)
        {
            case "import":
                var files = arguments.Positional.Skip(1).ToArray();
                if (files.Length == 0)
                {
                    throw new CommandLineException("usage: ivr practice import FILE... [--by NAME]");
                }

                // Greetings typed in the portal were rendered into the sounds folder; an export of such a practice imports again.
                var prompts = PromptManifest.Load(
                    host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PracticesOptions>>().Value.PromptManifest,
                    host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PromptsOptions>>().Value.SoundsDirectory);
                if (prompts is null)
                {
                    error.WriteLine("warning: no prompt manifest found (Practices:PromptManifest); greeting and name prompts are not checked.");
                }

                return await ImportAsync(files, prompts, store, host.Services.GetRequiredService<IAuditLog>(), CliHost.Actor(arguments), time.GetUtcNow(), output, error);
            case "export":
                var id = arguments.Positional.ElementAtOrDefault(1) ?? throw new CommandLineException("usage: ivr practice export PRACTICE");
                var practice = await CliHost.PracticeAsync(store, id);
                output.Write(PracticeFileWriter.Write(practice));
                return 0;
            case "list":
                output.WriteLine($"{"PRACTICE",-26} {"COVERAGE",-12} {"TIME ZONE",-20} NUMBERS");
                foreach (var p in await store.ListAsync())
                {
                    output.WriteLine($"{p.Id,-26} {CoverageModes.Name(p.Coverage),-12} {p.TimeZone,-20} {string.Join(", ", p.Numbers)}");
                }

                return 0;
            default:
                throw new CommandLineException($"unknown command 'ivr practice {verb}'.");
        }
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
                practices.Add(PracticeFileReader.Read(file, prompts));
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

        foreach (var practice in practices)
        {
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
            var findings = ScheduleCheck.Run(new OnCallSchedule(practice, await store.OverridesAsync(practice.Id, now, now.AddDays(14))), now, now.AddDays(14));
            foreach (var finding in findings)
            {
                output.WriteLine($"  warning: {finding.Message}");
            }
        }

        return 0;
    }
}
