using System.CommandLine;
using Ivr.Data.Triage;
using Ivr.Domain.Audit;
using Ivr.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr protocol import FILE... | list</c>: nurse triage protocols as versioned files (docs/triage.md).</summary>
public static class ProtocolCommand
{
    public static Command Create(CliContext context)
    {
        var protocol = context.WithExamples(
            new Command("protocol", "Nurse triage protocols as versioned files: import, list. Every version is kept."),
            "ivr protocol import protocols/examples/*.yaml", "ivr protocol list");

        var import = new Command("import", "Add protocols from YAML files; every file is checked first, and a bad file or a changed version imports nothing (exit 2).");
        var files = new Argument<string[]>("FILE") { Description = "protocol files (.yaml, .yml)", Arity = ArgumentArity.OneOrMore };
        var by = CliOptions.By();
        import.Arguments.Add(files);
        import.Options.Add(by);
        import.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            return await ImportAsync(
                parse.GetValue(files)!, host.Services.GetRequiredService<IProtocolStore>(), host.Services.GetRequiredService<IAuditLog>(),
                CliHost.Actor(parse.GetValue(by)), host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), context.Output, context.Error, ct);
        });
        protocol.Subcommands.Add(context.WithExamples(import, "ivr protocol import protocols/examples/*.yaml --by alice"));

        var list = new Command("list", "Every version of every protocol; * marks the one a new triage uses.");
        list.SetAction(async (_, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            context.Output.WriteLine($"{"PROTOCOL",-28} {"VERSION",-10} {"AUDIENCE",-10} {"QUESTIONS",9}  {"IMPORTED",-17} TITLE");
            foreach (var v in await host.Services.GetRequiredService<IProtocolStore>().ListAsync(ct))
            {
                var title = v.IsExample ? $"{v.Title} ({TriageProtocol.ExampleNotice})" : v.Title;
                context.Output.WriteLine($"{v.Id,-28} {v.Version + (v.Latest ? " *" : string.Empty),-10} {v.Audience.ToString().ToLowerInvariant(),-10} {v.Questions,9}  {v.ImportedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {title}");
            }

            return 0;
        });
        protocol.Subcommands.Add(context.WithExamples(list, "ivr protocol list"));
        return protocol;
    }

    private static async Task<int> ImportAsync(string[] files, IProtocolStore store, IAuditLog audit, string actor, DateTimeOffset now, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Every file is read and checked before any is saved, and the store adds them in one transaction.
        var protocols = new List<TriageProtocol>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                protocols.Add(ProtocolFileReader.Read(file));
            }
            catch (ProtocolFileException exception)
            {
                errors.AddRange(exception.Errors);
            }
            catch (IOException exception)
            {
                errors.Add($"{file}: {exception.Message}");
            }
        }

        foreach (var twice in protocols.GroupBy(p => (p.Id, p.Version)).Where(g => g.Count() > 1))
        {
            errors.Add($"protocol '{twice.Key.Id}' version '{twice.Key.Version}' is in more than one of these files");
        }

        if (errors.Count == 0)
        {
            try
            {
                var imported = await store.ImportAsync(protocols, actor, now, cancellationToken);
                foreach (var (result, protocol) in imported.Zip(protocols))
                {
                    if (result.Added)
                    {
                        await audit.RecordAsync(new AuditEntry(now, actor, "protocol.import", "protocol", protocol.Id, $"version {protocol.Version}"), cancellationToken);
                    }

                    var example = protocol.IsExample ? $" ({TriageProtocol.ExampleNotice})" : string.Empty;
                    output.WriteLine($"{(result.Added ? "imported" : "unchanged")} {protocol.Id} version {protocol.Version}: {protocol.Questions.Count} question(s), {protocol.Audience.ToString().ToLowerInvariant()}{example}");
                }

                return 0;
            }
            catch (ProtocolConflictException exception)
            {
                errors.Add(exception.Message);
            }
        }

        errors.ForEach(error.WriteLine);
        error.WriteLine($"nothing imported: {errors.Count} error(s).");
        return IvrCommandLine.UsageError;
    }
}
