using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr user add | list | unlock | password | disable | enable | remove | role</c>: portal accounts. The first
/// account is made here; passwords come from standard input, never from the command line. A new
/// password, a new role, disabling and removing end every session of the account at once.
/// </summary>
public static partial class UserCommand
{
    public static Command Create(CliContext context)
    {
        var user = context.WithExamples(
            new Command("user", "Portal accounts; passwords come from standard input, never from the command line."),
            "ivr user add sam --role supervisor < password-file", "ivr user list");
        user.Subcommands.Add(Add(context));

        var list = new Command("list", "Accounts, their roles and whether they are locked.");
        var json = CliOptions.Json();
        list.Options.Add(json);
        list.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var all = await host.Services.GetRequiredService<IUserStore>().ListAsync();
            var output = context.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(all.Select(u => new { u.Id, u.Username, u.Role, u.PracticeId, u.ClinicianId, u.FailedCount, u.LockedUntil, u.CreatedAt }), IvrJson.Indented));
                return 0;
            }

            output.WriteLine($"{"USERNAME",-24} {"ROLE",-15} {"PRACTICE",-26} {"CLINICIAN",-14} STATE");
            foreach (var u in all)
            {
                var state = u.IsRemoved ? "removed" : u.IsDisabled ? "disabled" : u.MustWait(now) ? $"next sign-in not before {u.LockedUntil:u}" : u.FailedCount > 0 ? $"{u.FailedCount} failed sign-in(s)" : "active";
                output.WriteLine($"{u.Username,-24} {PortalRoles.Name(u.Role),-15} {u.PracticeId ?? "-",-26} {u.ClinicianId ?? "-",-14} {state}");
            }

            return 0;
        });
        user.Subcommands.Add(context.WithExamples(list, "ivr user list", "ivr user list --json"));
        user.Subcommands.Add(Change(context, "unlock", "Lift the delay between sign-in tries after too many wrong passwords.", "ivr user unlock sam"));
        user.Subcommands.Add(Change(context, "password", "Set a new password, read from standard input (or typed twice at the terminal).", "ivr user password sam < new-password-file"));
        user.Subcommands.Add(State(context, "disable", "Stop an account signing in and end its sessions at once; enable undoes it.", "ivr user disable amy --by sam"));
        user.Subcommands.Add(State(context, "enable", "Let a disabled account sign in again.", "ivr user enable amy --by sam"));
        user.Subcommands.Add(State(
            context,
            "remove",
            "Remove an account for good: sessions ended, password wiped; the name stays reserved so the audit history still names one person.",
            "ivr user remove amy --by sam"));
        user.Subcommands.Add(Role(context));
        user.Subcommands.Add(SecondFactorCommand.Create(context));
        return user;
    }

    /// <summary>
    /// A command on one account named on the line, done by whoever <c>--by</c> names: opens the data layer,
    /// finds the account (a clear error when there is none) and hands it to <paramref name="act"/>.
    /// </summary>
    internal static Command OnAccount(CliContext context, string verb, string description, string example, Func<IServiceProvider, PortalUser, string, CancellationToken, Task> act)
    {
        var command = new Command(verb, description);
        var nameArgument = new Argument<string>("USERNAME") { Description = "the account (see ivr user list)" };
        var byOption = CliOptions.By();
        command.Arguments.Add(nameArgument);
        command.Options.Add(byOption);
        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var name = parse.GetValue(nameArgument)!;
            var user = await host.Services.GetRequiredService<IUserStore>().FindAsync(name, ct) ?? throw new CommandLineException($"no user '{name}'; see ivr user list.");
            await act(host.Services, user, CliHost.Actor(parse.GetValue(byOption)), ct);
            return 0;
        });
        return context.WithExamples(command, example);
    }

    private static Command State(CliContext context, string verb, string description, string example) =>
        OnAccount(context, verb, description, example, async (services, user, actor, ct) =>
        {
            if (user.IsRemoved)
            {
                throw new CommandLineException($"{user.Username} was removed; make a new account instead.");
            }

            var accounts = services.GetRequiredService<PortalAccounts>();
            switch (verb)
            {
                case "disable":
                    await accounts.DisableAsync(user, actor, ct);
                    context.Output.WriteLine($"{user.Username} disabled; their sessions are ended.");
                    break;
                case "enable":
                    await accounts.EnableAsync(user, actor, ct);
                    context.Output.WriteLine($"{user.Username} enabled.");
                    break;
                default:
                    var unusable = services.GetRequiredService<IPasswordHasher<PortalUser>>().HashPassword(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                    await accounts.RemoveAsync(user, unusable, actor, ct);
                    context.Output.WriteLine($"{user.Username} removed; the name stays reserved for the audit history.");
                    break;
            }
        });

    /// <summary>Where an account sits: <c>--role</c>, and <c>--practice</c> and <c>--clinician</c> where the role needs them.</summary>
    private static (Option<string> Role, Option<string> Practice, Option<string> Clinician) PlaceOptions()
    {
        var role = CliOptions.Text("--role", string.Join("|", PortalRoles.All), "ROLE", required: true);
        role.CompletionSources.Add([.. PortalRoles.All]);
        var practice = CliOptions.Practice(required: false);
        practice.Description = "the practice a practice-admin or clinician belongs to";
        var clinician = CliOptions.Text("--clinician", "a clinician's id in the practice's file (what their acknowledgements are recorded as)", "C");
        return (role, practice, clinician);
    }

    private static Command Add(CliContext context)
    {
        var add = new Command("add", "Make a portal account; the password is read from standard input (or typed twice at the terminal).");
        var usernameArgument = new Argument<string>("USERNAME") { Description = "1 to 64 of a-z, 0-9, '.', '_', '-', '@' (kept in lower case)" };
        var (roleOption, practiceOption, clinicianOption) = PlaceOptions();
        var stdinOption = CliOptions.Flag("--password-stdin", "read the password from standard input (it is read from there whenever input is piped)");
        var byOption = CliOptions.By();
        add.Arguments.Add(usernameArgument);
        foreach (var option in new Option[] { roleOption, practiceOption, clinicianOption, stdinOption, byOption })
        {
            add.Options.Add(option);
        }

        add.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            return await AddAsync(
                parse.GetValue(usernameArgument)!, parse.GetValue(roleOption)!, parse.GetValue(practiceOption), parse.GetValue(clinicianOption),
                host.Services, context, CliHost.Actor(parse.GetValue(byOption)), now);
        });
        return context.WithExamples(add,
            "ivr user add sam --role supervisor < password-file",
            "echo \"$PASSWORD\" | ivr user add amy --role clinician --practice riverside-pediatrics --clinician dr-lee --password-stdin");
    }

    private static Command Change(CliContext context, string verb, string description, string example) =>
        OnAccount(context, verb, description, example, async (services, user, actor, ct) =>
        {
            if (verb == "password")
            {
                var password = CheckedPassword(PasswordInput.Read(context.Input, context.Error), services);
                var hash = services.GetRequiredService<IPasswordHasher<PortalUser>>().HashPassword(user, password);
                await services.GetRequiredService<PortalAccounts>().ChangePasswordAsync(user, hash, actor);
                context.Output.WriteLine($"{user.Username}: password set; every session of theirs is ended.");
                return;
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await services.GetRequiredService<IUserStore>().ClearFailuresAsync(user.Id);
            await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "user." + verb, "user", user.Username, "unlocked"));
            context.Output.WriteLine($"{user.Username} unlocked.");
        });

    internal static async Task<int> AddAsync(string name, string roleName, string? practiceId, string? clinicianId, IServiceProvider services, CliContext context, string actor, DateTimeOffset now)
    {
        var output = context.Output;
        var error = context.Error;
        var username = name.Trim().ToLowerInvariant();
        if (!UsernamePattern().IsMatch(username))
        {
            throw new CommandLineException($"'{username}' is not a username: 1 to 64 of a-z, 0-9, '.', '_', '-', '@', starting with a letter or digit.");
        }

        if (!PortalRoles.TryParse(roleName, out var role))
        {
            throw new CommandLineException($"--role is one of {string.Join(", ", PortalRoles.All)}, not '{roleName}'.");
        }

        await CheckPlaceAsync(role, practiceId, clinicianId, services.GetRequiredService<IPracticeStore>());
        var password = CheckedPassword(PasswordInput.Read(context.Input, error), services);

        var user = new PortalUser { Username = username, PasswordHash = string.Empty, Role = role, PracticeId = practiceId, ClinicianId = clinicianId, CreatedAt = now };
        user = user with { PasswordHash = services.GetRequiredService<IPasswordHasher<PortalUser>>().HashPassword(user, password) };
        long id;
        try
        {
            id = await services.GetRequiredService<IUserStore>().AddAsync(user);
        }
        catch (UserExistsException exception)
        {
            error.WriteLine($"ivr user add: {exception.Message}");
            return 1;
        }

        await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "user.add", "user", username, $"{roleName}{(practiceId is null ? string.Empty : " of " + practiceId)}{(clinicianId is null ? string.Empty : " as " + clinicianId)}"));
        output.WriteLine($"user #{id.ToString(CultureInfo.InvariantCulture)} {username}: {roleName}{(practiceId is null ? string.Empty : $" of {practiceId}")}{(clinicianId is null ? string.Empty : $", clinician {clinicianId}")}");
        return 0;
    }

    /// <summary>Practice staff and clinicians belong to one practice; a clinician is one of its clinicians; the others to none (<see cref="RolePlace"/>).</summary>
    private static async Task CheckPlaceAsync(PortalRole role, string? practiceId, string? clinicianId, IPracticeStore practices)
    {
        var practice = practiceId is null ? null : await CliHost.PracticeAsync(practices, practiceId);
        var problem = RolePlace.Check(role, practiceId, clinicianId, practice);
        var name = PortalRoles.Name(role);
        switch (problem)
        {
            case RolePlaceProblem.NeedsPractice:
                throw new CommandLineException($"a {name} belongs to a practice: add --practice P.");
            case RolePlaceProblem.NoPracticeAllowed:
                throw new CommandLineException($"a {name} belongs to no practice: leave out --practice.");
            case RolePlaceProblem.NeedsClinician:
                throw new CommandLineException("a clinician needs --clinician C, their id in the practice's file (it is what their acknowledgements are recorded as).");
            case RolePlaceProblem.NoClinicianAllowed:
                throw new CommandLineException("--clinician is for the clinician role only.");
            case RolePlaceProblem.UnknownClinician:
                throw new CommandLineException($"'{clinicianId}' is not a clinician of {practice!.Id} ({string.Join(", ", practice.Clinicians.Select(c => c.Id))}).");
        }
    }

    /// <summary>
    /// <c>ivr user role USERNAME --role R [--practice P] [--clinician C]</c>: a new role (and place) for an
    /// account; its sessions end at once, so the new rights apply from its next sign-in.
    /// </summary>
    private static Command Role(CliContext context)
    {
        var command = new Command("role", "Give an account a new role (and practice, clinician id); its sessions end, the new rights apply from its next sign-in.");
        var nameArgument = new Argument<string>("USERNAME") { Description = "the account (see ivr user list)" };
        var (roleOption, practiceOption, clinicianOption) = PlaceOptions();
        var byOption = CliOptions.By();
        command.Arguments.Add(nameArgument);
        foreach (var option in new Option[] { roleOption, practiceOption, clinicianOption, byOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var services = host.Services;
            var name = parse.GetValue(nameArgument)!;
            var user = await services.GetRequiredService<IUserStore>().FindAsync(name, ct) ?? throw new CommandLineException($"no user '{name}'; see ivr user list.");
            if (user.IsRemoved)
            {
                throw new CommandLineException($"{user.Username} was removed; make a new account instead.");
            }

            var roleName = parse.GetValue(roleOption)!;
            if (!PortalRoles.TryParse(roleName, out var role))
            {
                throw new CommandLineException($"--role is one of {string.Join(", ", PortalRoles.All)}, not '{roleName}'.");
            }

            var practiceId = parse.GetValue(practiceOption);
            var clinicianId = parse.GetValue(clinicianOption);
            await CheckPlaceAsync(role, practiceId, clinicianId, services.GetRequiredService<IPracticeStore>());
            await services.GetRequiredService<PortalAccounts>().ChangeRoleAsync(user, role, practiceId, clinicianId, CliHost.Actor(parse.GetValue(byOption)), ct);
            context.Output.WriteLine($"{user.Username} is now {roleName}{(practiceId is null ? string.Empty : $" of {practiceId}")}{(clinicianId is null ? string.Empty : $", clinician {clinicianId}")}; their sessions are ended.");
            return 0;
        });
        return context.WithExamples(command,
            "ivr user role amy --role practice-admin --practice riverside-pediatrics --by sam",
            "ivr user role lee --role clinician --practice riverside-pediatrics --clinician dr-lee --by sam");
    }

    private static string CheckedPassword(string password, IServiceProvider services)
    {
        var minimum = services.GetRequiredService<IOptions<PortalOptions>>().Value.MinimumPasswordLength;
        return password.Length >= minimum ? password : throw new CommandLineException($"the password must be at least {minimum} characters.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex UsernamePattern();
}
