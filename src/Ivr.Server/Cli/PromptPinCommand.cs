using System.CommandLine;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Flow;
using Ivr.Domain.Prompts;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr prompt-pin set | remove USER</c>: the PIN a supervisor or practice admin keys on the telephone
/// prompt-recording line (docs/prompts.md). The PIN comes from standard input, never the command line, and only its
/// salted hash is kept; every change is audited.
/// </summary>
public static class PromptPinCommand
{
    public static Command Create(CliContext context)
    {
        var command = context.WithExamples(
            new Command("prompt-pin", "PINs for recording prompts by telephone; a PIN comes from standard input, never from the command line."),
            "ivr prompt-pin set amy < pin-file", "ivr prompt-pin remove amy --by sam");
        command.Subcommands.Add(UserCommand.OnAccount(
            context,
            "set",
            $"Set an account's PIN for the prompt-recording line ({PromptPinHash.MinimumDigits} to {PromptPinHash.MaximumDigits} digits, read from standard input): a supervisor records the shared prompts, a practice admin their practice's.",
            "echo \"$PIN\" | ivr prompt-pin set amy --by sam",
            SetAsync));
        command.Subcommands.Add(UserCommand.OnAccount(
            context,
            "remove",
            "Remove an account's PIN: the prompt-recording line no longer takes it.",
            "ivr prompt-pin remove amy --by sam",
            async (services, user, actor, ct) =>
            {
                if (!await services.GetRequiredService<IPromptPinStore>().RemoveAsync(user.Id, ct))
                {
                    throw new CommandLineException($"{user.Username} has no prompt-line PIN.");
                }

                await AuditAsync(services, actor, "prompt-pin.remove", user, "the prompt-recording line no longer takes their PIN", ct);
                context.Output.WriteLine($"{user.Username}: prompt-line PIN removed.");
            }));
        return command;

        async Task SetAsync(IServiceProvider services, PortalUser user, string actor, CancellationToken ct)
        {
            if (user.IsDisabled)
            {
                throw new CommandLineException($"{user.Username} is {(user.IsRemoved ? "removed" : "disabled")}; a PIN would not be taken.");
            }

            if (PromptLineFlow.OwnerOf(user) is not { } owner)
            {
                throw new CommandLineException($"{user.Username} is a {PortalRoles.Name(user.Role)}: only a supervisor or a practice admin records prompts by telephone.");
            }

            var pin = PasswordInput.Read(context.Input, context.Error).Trim();
            if (PromptPinHash.Problem(pin) is { } problem)
            {
                throw new CommandLineException(problem + ".");
            }

            var store = services.GetRequiredService<IPromptPinStore>();
            // The line knows a caller by the PIN alone, so no two accounts may share one.
            if ((await store.AllAsync(ct)).Any(p => p.UserId != user.Id && PromptPinHash.Matches(pin, p.Hash)))
            {
                throw new CommandLineException("another account has this PIN; choose another.");
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await store.SetAsync(new PromptPin(user.Id, PromptPinHash.Of(pin), now), ct);
            var records = owner == PromptRecording.Shared ? "the shared prompts" : $"{owner}'s prompts and greeting";
            await AuditAsync(services, actor, "prompt-pin.set", user, "records " + records + " by telephone", ct);
            context.Output.WriteLine($"{user.Username}: prompt-line PIN set; they record {records}.");
        }
    }

    private static Task AuditAsync(IServiceProvider services, string actor, string action, PortalUser user, string detail, CancellationToken ct) =>
        services.GetRequiredService<IAuditLog>().RecordAsync(
            new AuditEntry(services.GetRequiredService<TimeProvider>().GetUtcNow(), actor, action, "user", user.Username, detail), ct);
}
