using System.CommandLine;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr user second-factor [require|optional ROLE | reset USERNAME]</c>: which roles sign in with a
/// second factor (the same setting the supervisor's portal page changes), and a way back in for a
/// user who lost both their authenticator and their recovery codes.
/// </summary>
public static class SecondFactorCommand
{
    public static Command Create(CliContext context)
    {
        var command = context.WithExamples(
            new Command("second-factor", "Which roles must sign in with a passkey or an authenticator code (shown without arguments)."),
            "ivr user second-factor", "ivr user second-factor require telecom-admin", "ivr user second-factor reset amy");
        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            await PrintAsync(context, host.Services.GetRequiredService<ISecondFactorStore>(), ct);
            return 0;
        });
        command.Subcommands.Add(Set(context, "require", true));
        command.Subcommands.Add(Set(context, "optional", false));
        command.Subcommands.Add(Reset(context));
        return command;
    }

    private static Command Set(CliContext context, string verb, bool required)
    {
        var command = new Command(verb, required ? "Make every user of ROLE sign in with a second factor." : "Let users of ROLE sign in without a second factor (those who set one up still use it).");
        var roleArgument = new Argument<string>("ROLE") { Description = string.Join("|", PortalRoles.All) };
        roleArgument.CompletionSources.Add([.. PortalRoles.All]);
        var byOption = CliOptions.By();
        command.Arguments.Add(roleArgument);
        command.Options.Add(byOption);
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(roleArgument)!;
            if (!PortalRoles.TryParse(name, out var role))
            {
                throw new CommandLineException($"ROLE is one of {string.Join(", ", PortalRoles.All)}, not '{name}'.");
            }

            using var host = await context.OpenAsync(ct);
            var store = host.Services.GetRequiredService<ISecondFactorStore>();
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var actor = CliHost.Actor(parse.GetValue(byOption));
            await store.SetRequiredAsync(role, required, actor, now, ct);
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "second-factor.policy", "role", name, required ? "second factor required" : "second factor optional"), ct);
            await PrintAsync(context, store, ct);
            return 0;
        });
        return context.WithExamples(command, $"ivr user second-factor {verb} {PortalRoles.TelecomAdmin}");
    }

    private static Command Reset(CliContext context) =>
        UserCommand.OnAccount(
            context,
            "reset",
            "Forget a user's authenticator, passkeys and recovery codes (all lost); they set up a new factor at their next sign-in.",
            "ivr user second-factor reset amy",
            async (services, user, actor, ct) =>
            {
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                await services.GetRequiredService<ISecondFactorStore>().RemoveAllAsync(user.Id, ct);
                await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "second-factor.reset", "user", user.Username, "every second factor and recovery code removed"), ct);
                context.Output.WriteLine($"{user.Username}: second factors removed; they set one up at their next sign-in.");
            });

    private static async Task PrintAsync(CliContext context, ISecondFactorStore store, CancellationToken cancellationToken)
    {
        var policy = await store.GetPolicyAsync(cancellationToken);
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            context.Output.WriteLine($"{PortalRoles.Name(role),-15} {(policy.Requires(role) ? "second factor required" : "second factor optional")}");
        }
    }
}
