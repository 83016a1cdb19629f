using System.CommandLine;
using Ivr.Data;
using Ivr.Domain.Audit;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr keys status | rotate</c>: the keys that encrypt patient data and recordings.</summary>
public static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var keys = context.WithExamples(
            new Command("keys", "The keys that encrypt patient data and recordings: what each protects, and rotation."),
            "ivr keys status", "ivr keys rotate");

        var status = new Command("status", "How many values and recordings each key protects; the current key first.");
        status.SetAction(async (_, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var protector = host.Services.GetRequiredService<PhiProtector>();
            var counts = await host.Services.GetRequiredService<PhiKeyRotation>().StatusAsync(RecordingsDirectory(host.Services), ct);
            context.Output.WriteLine($"{"KEY",-10} {"STATE",-8} {"VALUES",8} {"RECORDINGS",10}");
            foreach (var (id, (values, recordings)) in counts.OrderBy(c => c.Key == protector.CurrentKeyId ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal))
            {
                var state = id == protector.CurrentKeyId ? "current" : protector.KeyIds.Contains(id) ? "old" : id == "legacy" ? "legacy" : "missing";
                context.Output.WriteLine($"{id,-10} {state,-8} {values,8} {recordings,10}");
            }

            return 0;
        });
        keys.Subcommands.Add(context.WithExamples(status, "ivr keys status"));

        var rotate = new Command("rotate", "Make a new key current and re-encrypt every value and recording under it, row by row, while the service runs; the old key is retired once nothing uses it. Run again to resume one that stopped.");
        var by = CliOptions.By();
        rotate.Options.Add(by);
        rotate.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var result = await host.Services.GetRequiredService<PhiKeyRotation>().RotateAsync(RecordingsDirectory(host.Services), ct);
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(
                new AuditEntry(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CliHost.Actor(parse.GetValue(by)), "keys.rotate", "key", result.CurrentKeyId, $"{result.Values} value(s), {result.Recordings} recording(s); retired {string.Join(", ", result.Retired)}"), ct);
            context.Output.WriteLine($"current key {result.CurrentKeyId}: re-encrypted {result.Values} value(s) and {result.Recordings} recording(s)");
            if (result.StillInUse.Count > 0)
            {
                context.Output.WriteLine($"still in use: {string.Join(", ", result.StillInUse)}; nothing retired. Run ivr keys rotate again to finish.");
                return 1;
            }

            context.Output.WriteLine(result.Retired.Count > 0 ? $"retired {string.Join(", ", result.Retired)}" : "no old key to retire");
            return 0;
        });
        keys.Subcommands.Add(context.WithExamples(rotate, "ivr keys rotate --by alice"));
        return keys;
    }

    private static string RecordingsDirectory(IServiceProvider services) =>
        (services.GetRequiredService<IConfiguration>().GetSection("Recordings").Get<RecordingOptions>() ?? new RecordingOptions()).HostDirectory;
}
