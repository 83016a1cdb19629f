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
/// <c>ivr operator add | phone | list</c>: the people who answer callers at the desk. An operator is a
/// portal account with the operator role (password from standard input, a second factor at first
/// sign-in) and the phone the desk rings them on: a dial string the admin gives (a SIP phone), or the
/// softphone in the desk page, an Asterisk endpoint the service writes for them (<c>--softphone</c>).
/// A nurse (<c>--nurse</c>) works the desk the same way, takes the calls transferred to the nurse line and triages them.
/// </summary>
public static class OperatorCommand
{
    public static Command Create(CliContext context)
    {
        var command = context.WithExamples(
            new Command("operator", "Operators and nurses: the people who answer callers at the desk, for every practice."),
            "ivr operator add sam --phone PJSIP/sipp/sip:sam@127.0.0.1:5090 < password-file", "ivr operator add ada --softphone < password-file", "ivr operator add garcia --nurse --softphone < password-file", "ivr operator list");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Phone(context));
        command.Subcommands.Add(List(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var add = new Command("add", "Make an operator's (or with --nurse a triage nurse's) portal account (the password is read from standard input, or typed twice at the terminal) with the phone the desk rings.");
        var nameArgument = new Argument<string>("NAME") { Description = "the operator's username: 1 to 64 of a-z, 0-9, '.', '_', '-', '@'" };
        var phoneOption = PhoneOption();
        var softphoneOption = SoftphoneOption();
        var nurseOption = CliOptions.Flag("--nurse", "a triage nurse: works the desk like an operator, takes the calls transferred to the nurse line and triages them");
        var stdinOption = CliOptions.Flag("--password-stdin", "read the password from standard input (it is read from there whenever input is piped)");
        var byOption = CliOptions.By();
        add.Arguments.Add(nameArgument);
        foreach (var option in new Option[] { phoneOption, softphoneOption, nurseOption, stdinOption, byOption })
        {
            add.Options.Add(option);
        }

        add.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(nameArgument)!.Trim().ToLowerInvariant();
            var phone = PhoneChoice.Read(name, parse.GetValue(phoneOption), parse.GetValue(softphoneOption), none: false);
            using var host = await context.OpenAsync(ct);
            var services = host.Services;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var actor = CliHost.Actor(parse.GetValue(byOption));
            var exit = await UserCommand.AddAsync(name, parse.GetValue(nurseOption) ? PortalRoles.Nurse : PortalRoles.Operator, null, null, services, context, actor, now);
            if (exit != 0 || phone.DialString is null)
            {
                return exit;
            }

            var user = (await services.GetRequiredService<IUserStore>().FindAsync(name, ct))!;
            await SetPhoneAsync(user, phone, services, context, actor, now, ct);
            return 0;
        });
        return context.WithExamples(add,
            "ivr operator add sam --phone PJSIP/sipp/sip:sam@127.0.0.1:5090 < password-file",
            "ivr operator add ada --softphone < password-file",
            "ivr operator add garcia --nurse --phone PJSIP/sipp/sip:garcia@127.0.0.1:5092 < password-file",
            "echo \"$PASSWORD\" | ivr operator add ada --password-stdin");
    }

    private static Command Phone(CliContext context)
    {
        var command = new Command("phone", "Change the phone the desk rings an operator, a nurse (or the supervisor) on: a SIP phone's dial string, the desk page's softphone, or none.");
        var nameArgument = new Argument<string>("NAME") { Description = "the operator's or nurse's username, or the supervisor's" };
        var phoneOption = PhoneOption();
        var softphoneOption = SoftphoneOption();
        var noneOption = CliOptions.Flag("--none", "no phone: the desk offers the operator no call (a softphone's endpoint is deleted)");
        var byOption = CliOptions.By();
        command.Arguments.Add(nameArgument);
        foreach (var option in new Option[] { phoneOption, softphoneOption, noneOption, byOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(nameArgument)!.Trim().ToLowerInvariant();
            if (parse.GetValue(phoneOption) is null && !parse.GetValue(softphoneOption) && !parse.GetValue(noneOption))
            {
                throw new CommandLineException("Give one of --phone, --softphone and --none.");
            }

            var phone = PhoneChoice.Read(name, parse.GetValue(phoneOption), parse.GetValue(softphoneOption), parse.GetValue(noneOption));
            using var host = await context.OpenAsync(ct);
            var services = host.Services;
            var user = await services.GetRequiredService<IUserStore>().FindAsync(name, ct);
            // The supervisor works the desk too, so their account may have a phone as well.
            if (user is null || user.Role is not (PortalRole.Operator or PortalRole.Nurse or PortalRole.Supervisor) || user.IsRemoved)
            {
                throw new CommandLineException($"{name} is not an operator, a nurse or the supervisor (see ivr operator list).");
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await SetPhoneAsync(user, phone, services, context, CliHost.Actor(parse.GetValue(byOption)), now, ct);
            return 0;
        });
        return context.WithExamples(command,
            "ivr operator phone sam --softphone",
            "ivr operator phone sam --phone PJSIP/desk-sam",
            "ivr operator phone sam --none");
    }

    /// <summary>
    /// Sets the operator's phone: a softphone's endpoint is written (with a password nobody knows until
    /// the desk opens), and deleted when the operator moves to another phone or none.
    /// </summary>
    private static async Task SetPhoneAsync(PortalUser user, PhoneChoice phone, IServiceProvider services, CliContext context, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var endpoints = services.GetRequiredService<IPhoneEndpointStore>();
        if (phone.IsSoftphone)
        {
            await endpoints.ProvisionAsync(OperatorEndpoint.Name(user.Username), ct);
        }
        else if (OperatorEndpoint.Problem(user.Username) is null)
        {
            await endpoints.RemoveAsync(OperatorEndpoint.Name(user.Username), ct);
        }

        await services.GetRequiredService<IOperatorStore>().SetPhoneAsync(user.Id, phone.DialString, now, ct);
        var what = phone.IsSoftphone ? "softphone" : phone.DialString is null ? "no phone" : "phone set";
        await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "operator.phone", "user", user.Username, what), ct);
        context.Output.WriteLine(phone.DialString is null
            ? $"{user.Username} has no phone: the desk offers them no call."
            : phone.IsSoftphone
                ? $"{user.Username} is rung on {phone.DialString}, the softphone in the desk page (it registers when they open the desk)."
                : $"{user.Username} is rung on {phone.DialString}.");
    }

    private static Option<string> PhoneOption() =>
        CliOptions.Text("--phone", "the Asterisk dial string of the operator's SIP phone, e.g. PJSIP/sipp/sip:sam@127.0.0.1:5090", "DIALSTRING");

    private static Option<bool> SoftphoneOption() =>
        CliOptions.Flag("--softphone", $"the softphone in the desk page: an Asterisk endpoint {OperatorEndpoint.Prefix}NAME the service writes, rung as PJSIP/{OperatorEndpoint.Prefix}NAME");

    private static Command List(CliContext context)
    {
        var list = new Command("list", "Who works the desk (operators, nurses, and the supervisor), whether their account is active, and the phone the desk rings.");
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
                var softphone = OperatorEndpoint.IsSoftphone(o.Username, o.Phone) ? " (softphone)" : string.Empty;
                var name = o.IsSupervisor ? $"{o.Username} (supervisor)" : o.IsNurse ? $"{o.Username} (nurse)" : o.Username;
                output.WriteLine($"{name,-24} {(o.IsDisabled ? "disabled" : "active"),-9} {o.Phone ?? "(none yet)"}{softphone}");
            }

            return 0;
        });
        return context.WithExamples(list, "ivr operator list", "ivr operator list --json");
    }
}
