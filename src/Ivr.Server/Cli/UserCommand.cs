using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Server.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr user add | list | unlock | password</c>: portal accounts. The first account is made here;
/// passwords come from standard input, never from the command line.
/// </summary>
public static partial class UserCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, TextReader input)
    {
        var verb = arguments.Positional.FirstOrDefault() ?? throw new CommandLineException("say what to do: ivr user add USERNAME --role R | list | unlock USERNAME | password USERNAME");
        using var host = await CliHost.OpenAsync(arguments);
        var users = host.Services.GetRequiredService<IUserStore>();
        var audit = host.Services.GetRequiredService<IAuditLog>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var actor = CliHost.Actor(arguments);
        switch (verb)
        {
            case "add":
                return await AddAsync(arguments, host.Services, output, error, input, actor, now);
            case "list":
                var all = await users.ListAsync();
                if (arguments.Flag("--json"))
                {
                    output.WriteLine(JsonSerializer.Serialize(all.Select(u => new { u.Id, u.Username, Role = PortalRoles.Name(u.Role), u.PracticeId, u.ClinicianId, u.FailedCount, u.LockedUntil, u.CreatedAt }), Json));
                    return 0;
                }

                output.WriteLine($"{"USERNAME",-24} {"ROLE",-15} {"PRACTICE",-26} {"CLINICIAN",-14} STATE");
                foreach (var u in all)
                {
                    var state = u.IsLockedOut(now) ? $"locked until {u.LockedUntil:u}" : u.FailedCount > 0 ? $"{u.FailedCount} failed sign-in(s)" : "active";
                    output.WriteLine($"{u.Username,-24} {PortalRoles.Name(u.Role),-15} {u.PracticeId ?? "-",-26} {u.ClinicianId ?? "-",-14} {state}");
                }

                return 0;
            case "unlock" or "password":
                var name = arguments.Positional.ElementAtOrDefault(1) ?? throw new CommandLineException($"usage: ivr user {verb} USERNAME");
                var user = await users.FindAsync(name) ?? throw new CommandLineException($"no user '{name}'; see ivr user list.");
                if (verb == "password")
                {
                    var password = CheckedPassword(PasswordInput.Read(input, error), host.Services);
                    await users.SetPasswordHashAsync(user.Id, host.Services.GetRequiredService<IPasswordHasher<PortalUser>>().HashPassword(user, password));
                }

                await users.ClearFailuresAsync(user.Id);
                await audit.RecordAsync(new AuditEntry(now, actor, "user." + verb, "user", user.Username, verb == "unlock" ? "unlocked" : "password set"));
                output.WriteLine(verb == "unlock" ? $"{user.Username} unlocked." : $"{user.Username}: password set.");
                return 0;
            default:
                throw new CommandLineException($"unknown command 'ivr user {verb}'.");
        }
    }

    private static async Task<int> AddAsync(CliArguments arguments, IServiceProvider services, TextWriter output, TextWriter error, TextReader input, string actor, DateTimeOffset now)
    {
        var username = (arguments.Positional.ElementAtOrDefault(1) ?? throw new CommandLineException("usage: ivr user add USERNAME --role R [--practice P] [--clinician C]")).Trim().ToLowerInvariant();
        if (!UsernamePattern().IsMatch(username))
        {
            throw new CommandLineException($"'{username}' is not a username: 1 to 64 of a-z, 0-9, '.', '_', '-', '@', starting with a letter or digit.");
        }

        var roleName = arguments.Required("--role");
        if (!PortalRoles.TryParse(roleName, out var role))
        {
            throw new CommandLineException($"--role is one of {string.Join(", ", PortalRoles.All)}, not '{roleName}'.");
        }

        var practiceId = arguments.Option("--practice");
        var clinicianId = arguments.Option("--clinician");
        await CheckPlaceAsync(role, practiceId, clinicianId, services.GetRequiredService<IPracticeStore>());
        var password = CheckedPassword(PasswordInput.Read(input, error), services);

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

    /// <summary>Practice staff and clinicians belong to one practice; a clinician is one of its clinicians; the others to none.</summary>
    private static async Task CheckPlaceAsync(PortalRole role, string? practiceId, string? clinicianId, IPracticeStore practices)
    {
        var needsPractice = role is PortalRole.PracticeAdmin or PortalRole.Clinician;
        if (needsPractice != (practiceId is not null))
        {
            throw new CommandLineException(needsPractice
                ? $"a {PortalRoles.Name(role)} belongs to a practice: add --practice P."
                : $"a {PortalRoles.Name(role)} belongs to no practice: leave out --practice.");
        }

        if ((role == PortalRole.Clinician) != (clinicianId is not null))
        {
            throw new CommandLineException(role == PortalRole.Clinician
                ? "a clinician needs --clinician C, their id in the practice's file (it is what their acknowledgements are recorded as)."
                : "--clinician is for the clinician role only.");
        }

        if (practiceId is not null)
        {
            var practice = await CliHost.PracticeAsync(practices, practiceId);
            if (clinicianId is not null && practice.Clinician(clinicianId) is null)
            {
                throw new CommandLineException($"'{clinicianId}' is not a clinician of {practice.Id} ({string.Join(", ", practice.Clinicians.Select(c => c.Id))}).");
            }
        }
    }

    private static string CheckedPassword(string password, IServiceProvider services)
    {
        var minimum = services.GetRequiredService<IOptions<PortalOptions>>().Value.MinimumPasswordLength;
        return password.Length >= minimum ? password : throw new CommandLineException($"the password must be at least {minimum} characters.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex UsernamePattern();
}
