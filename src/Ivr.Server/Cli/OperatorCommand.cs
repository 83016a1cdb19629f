using System.CommandLine;
using System.Text.Json;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr operator add | list</c>: the people who answer callers at the desk. An operator is a portal
/// account with the operator role (password from standard input, a second factor at first sign-in)
/// and the phone the desk rings them on.
/// </summary>
public static class OperatorCommand
{
    public static Command Create(CliContext context)
    {
        var command = context.WithExamples(
            new Command("operator", "Operators: the people who answer callers at the desk, for every practice."),
            "ivr operator add sam --phone PJSIP/sipp/sip:sam@127.0.0.1:5090 < password-file", "ivr operator list");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var add = new Command("add", "Make an operator's portal account (the password is read from standard input, or typed twice at the terminal) with the phone the desk rings.");
        var nameArgument = new Argument<string>("NAME") { Description = "the operator's username: 1 to 64 of a-z, 0-9, '.', '_', '-', '@'" };
        var phoneOption = CliOptions.Text("--phone", "the Asterisk dial string of the operator's SIP phone, e.g. PJSIP/sipp/sip:sam@127.0.0.1:5090", "DIALSTRING");
        var stdinOption = CliOptions.Flag("--password-stdin", "read the password from standard input (it is read from there whenever input is piped)");
        var byOption = CliOptions.By();
        add.Arguments.Add(nameArgument);
        foreach (var option in new Option[] { phoneOption, stdinOption, byOption })
        {
            add.Options.Add(option);
        }

        add.SetAction(async (parse, ct) =>
        {
            var phone = parse.GetValue(phoneOption);
            if (phone is not null && PracticeRules.DialString("--phone", phone) is { } problem)
            {
                throw new CommandLineException(problem + ".");
            }

            using var host = await context.OpenAsync(ct);
            var services = host.Services;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var actor = CliHost.Actor(parse.GetValue(byOption));
            var name = parse.GetValue(nameArgument)!;
            var exit = await UserCommand.AddAsync(name, PortalRoles.Operator, null, null, services, context, actor, now);
            if (exit != 0 || phone is null)
            {
                return exit;
            }

            var user = (await services.GetRequiredService<IUserStore>().FindAsync(name.Trim().ToLowerInvariant(), ct))!;
            await services.GetRequiredService<IOperatorStore>().SetPhoneAsync(user.Id, phone, now, ct);
            await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "operator.phone", "user", user.Username, "phone set"), ct);
            context.Output.WriteLine($"{user.Username} is rung on {phone}.");
            return 0;
        });
        return context.WithExamples(add,
            "ivr operator add sam --phone PJSIP/sipp/sip:sam@127.0.0.1:5090 < password-file",
            "echo \"$PASSWORD\" | ivr operator add ada --password-stdin");
    }

    private static Command List(CliContext context)
    {
        var list = new Command("list", "Operators, whether their account is active, and the phone the desk rings.");
        var json = CliOptions.Json();
        list.Options.Add(json);
        list.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var operators = await host.Services.GetRequiredService<IOperatorStore>().ListAsync(ct);
            var output = context.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(operators, IvrJson.Indented));
                return 0;
            }

            output.WriteLine($"{"OPERATOR",-24} {"STATE",-9} PHONE");
            foreach (var o in operators)
            {
                output.WriteLine($"{o.Username,-24} {(o.IsDisabled ? "disabled" : "active"),-9} {o.Phone ?? "(none yet)"}");
            }

            return 0;
        });
        return context.WithExamples(list, "ivr operator list", "ivr operator list --json");
    }
}
