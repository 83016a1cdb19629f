using System.CommandLine;
using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr practice webhook-secret rotate P [--overlap-hours N]</c>: a practice's webhook signing secret.</summary>
public static class WebhookSecretCommand
{
    public static Command Create(CliContext context)
    {
        var secret = new Command("webhook-secret", "The secret a practice's webhooks are signed with.");
        var rotate = new Command("rotate", "Make a new secret (printed once); the old one keeps signing beside it until the overlap ends.");
        var id = new Argument<string>("PRACTICE") { Description = "the practice's id (see ivr practice list)" };
        var overlap = CliOptions.Number("--overlap-hours", "how long the old secret still signs, in hours", 72, 0, 24 * 30);
        var by = CliOptions.By();
        rotate.Arguments.Add(id);
        rotate.Options.Add(overlap);
        rotate.Options.Add(by);
        rotate.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var practice = await CliHost.PracticeAsync(host.Services.GetRequiredService<IPracticeStore>(), parse.GetValue(id)!);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var hours = parse.GetValue(overlap);
            var value = await host.Services.GetRequiredService<IWebhookSecretStore>().RotateAsync(practice.Id, now, TimeSpan.FromHours(hours), ct);
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(
                new AuditEntry(now, CliHost.Actor(parse.GetValue(by)), "practice.webhook-secret.rotate", "practice", practice.Id, string.Create(CultureInfo.InvariantCulture, $"overlap {hours} h")), ct);
            context.Output.WriteLine(value);
            context.Error.WriteLine($"new webhook secret for {practice.Id} (shown once; give it to the receiver). The previous secret, if any, also signs for {hours} h.");
            return 0;
        });
        secret.Subcommands.Add(context.WithExamples(rotate, "ivr practice webhook-secret rotate riverside-pediatrics", "ivr practice webhook-secret rotate riverside-pediatrics --overlap-hours 24"));
        return secret;
    }
}
