using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr user</c> makes portal accounts, passwords from standard input.</summary>
public sealed class UserCommandTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AddReadsThePasswordFromStandardInputAndListShowsTheAccount()
    {
        await using var service = await ArrangeAsync();

        var (addExit, added) = await service.RunWithInputAsync(Password + "\n", "user", "add", "Lee", "--role", "clinician", "--practice", "riverside-pediatrics", "--clinician", "dr-lee", "--password-stdin");
        var (supervisorExit, _) = await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        var (listExit, list) = await service.RunAsync("user", "list");

        Assert.Equal(0, addExit);
        Assert.Contains("lee: clinician of riverside-pediatrics, clinician dr-lee", added);
        Assert.Equal(0, supervisorExit);
        Assert.Equal(0, listExit);
        Assert.Contains("lee", list);
        Assert.Contains("supervisor", list);
        Assert.DoesNotContain(Password, list);
        var lee = await service.Get<IUserStore>().FindAsync("LEE");
        Assert.Equal(PortalRole.Clinician, lee!.Role);
        Assert.Equal("dr-lee", lee.ClinicianId);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "user.add" && e.SubjectId == "lee");
    }

    [Theory]
    [InlineData("supervisor", "--practice", "riverside-pediatrics", "belongs to no practice")]
    [InlineData("clinician", "--practice", "riverside-pediatrics", "needs --clinician")]
    [InlineData("practice-admin", "--clinician", "dr-lee", "belongs to a practice")]
    [InlineData("boss", "--practice", "riverside-pediatrics", "--role is one of supervisor, practice-admin, clinician, telecom-admin")]
    public async Task AnAccountInTheWrongPlaceIsRefused(string role, string option, string value, string complaint)
    {
        await using var service = await ArrangeAsync();

        var (exit, output) = await service.RunWithInputAsync(Password, "user", "add", "x", "--role", role, option, value);

        Assert.Equal(2, exit);
        Assert.Contains(complaint, output);
        Assert.Empty(await service.Get<IUserStore>().ListAsync());
    }

    [Fact]
    public async Task AClinicianMustBeOneOfThePracticesClinicians()
    {
        await using var service = await ArrangeAsync();

        var (exit, output) = await service.RunWithInputAsync(Password, "user", "add", "x", "--role", "clinician", "--practice", "riverside-pediatrics", "--clinician", "dr-nobody");

        Assert.Equal(2, exit);
        Assert.Contains("'dr-nobody' is not a clinician of riverside-pediatrics (dr-lee)", output);
    }

    [Fact]
    public async Task AShortPasswordATakenNameAndABadNameAreRefused()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");

        var (shortExit, shortOutput) = await service.RunWithInputAsync("too short", "user", "add", "tom", "--role", "telecom-admin");
        var (takenExit, taken) = await service.RunWithInputAsync(Password, "user", "add", "SAM", "--role", "supervisor");
        var (badExit, bad) = await service.RunWithInputAsync(Password, "user", "add", "tom smith", "--role", "telecom-admin");

        Assert.Equal(2, shortExit);
        Assert.Contains("at least 12 characters", shortOutput);
        Assert.Equal(1, takenExit);
        Assert.Contains("a user named 'sam' exists already", taken);
        Assert.Equal(2, badExit);
        Assert.Contains("is not a username", bad);
    }

    [Fact]
    public async Task UnlockLiftsALockAndPasswordSetsANewOne()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        var store = service.Get<IUserStore>();
        var sam = (await store.FindAsync("sam"))!;
        await store.RecordFailureAsync(sam.Id, new LockoutPolicy(1, TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);
        var (token, _) = await service.Get<PortalAccounts>().StartSessionAsync(sam, SessionPolicy.Default, "127.0.0.1", "test");

        var (unlockExit, _) = await service.RunAsync("user", "unlock", "sam");
        var (passwordExit, _) = await service.RunWithInputAsync("an entirely new one", "user", "password", "sam");

        Assert.Equal(0, unlockExit);
        Assert.Equal(0, passwordExit);
        var after = (await store.FindAsync("sam"))!;
        Assert.Null(after.LockedUntil);
        Assert.NotEqual(sam.PasswordHash, after.PasswordHash);
        Assert.Null(await service.Get<PortalAccounts>().ValidateAsync(token, touch: false));
    }

    [Fact]
    public async Task DisableEndsTheSessionsAndRefusesSignInUntilEnableAndListShowsIt()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        var accounts = service.Get<PortalAccounts>();
        var sam = (await service.Get<IUserStore>().FindAsync("sam"))!;
        var (token, _) = await accounts.StartSessionAsync(sam, SessionPolicy.Default, "127.0.0.1", "test");
        var before = await accounts.ValidateAsync(token, touch: false);

        var (disableExit, disabled) = await service.RunAsync("user", "disable", "sam", "--by", "boss");
        var afterDisable = await accounts.ValidateAsync(token, touch: false);
        var (_, list) = await service.RunAsync("user", "list");
        var (enableExit, _) = await service.RunAsync("user", "enable", "sam");
        var afterEnable = (await service.Get<IUserStore>().FindAsync("sam"))!;

        Assert.NotNull(before);
        Assert.Equal(0, disableExit);
        Assert.Contains("sam disabled", disabled);
        Assert.Null(afterDisable);
        Assert.Contains("disabled", list);
        Assert.Equal(0, enableExit);
        Assert.False(afterEnable.IsDisabled);
        // Enabling lets the account sign in again; it does not bring the ended session back.
        Assert.Null(await accounts.ValidateAsync(token, touch: false));
        var audit = await service.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "user.disable" && e.SubjectId == "sam" && e.Detail.Contains("1 session(s) ended", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "user.enable" && e.SubjectId == "sam");
    }

    [Fact]
    public async Task RemoveEndsTheSessionsWipesThePasswordKeepsTheNameAndCannotBeUndone()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        var accounts = service.Get<PortalAccounts>();
        var sam = (await service.Get<IUserStore>().FindAsync("sam"))!;
        var (token, _) = await accounts.StartSessionAsync(sam, SessionPolicy.Default, "127.0.0.1", "test");

        var (removeExit, removed) = await service.RunAsync("user", "remove", "sam");
        var (enableExit, enable) = await service.RunAsync("user", "enable", "sam");
        var (addExit, _) = await service.RunWithInputAsync(Password, "user", "add", "sam", "--role", "supervisor");
        var (_, list) = await service.RunAsync("user", "list");

        Assert.Equal(0, removeExit);
        Assert.Contains("sam removed", removed);
        Assert.Null(await accounts.ValidateAsync(token, touch: false));
        var after = (await service.Get<IUserStore>().FindAsync("sam"))!;
        Assert.True(after.IsRemoved);
        Assert.NotEqual(sam.PasswordHash, after.PasswordHash);
        Assert.NotEqual(0, enableExit);
        Assert.Contains("was removed", enable);
        Assert.Equal(1, addExit);
        Assert.Contains("removed", list);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "user.remove" && e.SubjectId == "sam");
    }

    [Fact]
    public async Task RoleGivesANewRoleAndPlaceEndsTheSessionsAndIsAudited()
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "amy", "--role", "telecom-admin");
        var accounts = service.Get<PortalAccounts>();
        var amy = (await service.Get<IUserStore>().FindAsync("amy"))!;
        var (token, _) = await accounts.StartSessionAsync(amy, SessionPolicy.Default, "127.0.0.1", "test");

        var (exit, output) = await service.RunAsync("user", "role", "amy", "--role", "clinician", "--practice", "riverside-pediatrics", "--clinician", "dr-lee", "--by", "sam");

        Assert.Equal(0, exit);
        Assert.Contains("amy is now clinician of riverside-pediatrics, clinician dr-lee", output);
        Assert.Null(await accounts.ValidateAsync(token, touch: false));
        var after = (await service.Get<IUserStore>().FindAsync("amy"))!;
        Assert.Equal(PortalRole.Clinician, after.Role);
        Assert.Equal("riverside-pediatrics", after.PracticeId);
        Assert.Equal("dr-lee", after.ClinicianId);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "user.role" && e.SubjectId == "amy" && e.Detail.StartsWith("telecom-admin -> clinician", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("practice-admin", "belongs to a practice")]
    [InlineData("clinician", "belongs to a practice")]
    [InlineData("boss", "--role is one of")]
    public async Task RoleRefusesAWrongPlaceAndChangesNothing(string role, string complaint)
    {
        await using var service = await ArrangeAsync();
        await service.RunWithInputAsync(Password, "user", "add", "amy", "--role", "telecom-admin");

        var (exit, output) = await service.RunAsync("user", "role", "amy", "--role", role);
        var (nobodyExit, nobody) = await service.RunAsync("user", "role", "nobody", "--role", "supervisor");

        Assert.Equal(2, exit);
        Assert.Contains(complaint, output);
        Assert.Equal(PortalRole.TelecomAdmin, (await service.Get<IUserStore>().FindAsync("amy"))!.Role);
        Assert.NotEqual(0, nobodyExit);
        Assert.Contains("no user 'nobody'", nobody);
    }

    [Fact]
    public async Task DisableEnableRemoveAndRoleEachShowAnExampleInTheirHelp()
    {
        await using var service = await ArrangeAsync();

        foreach (var verb in new[] { "disable", "enable", "remove", "role" })
        {
            var (exit, help) = await service.RunAsync("user", verb, "--help");

            Assert.Equal(0, exit);
            Assert.Contains($"ivr user {verb} amy", help);
        }
    }

    private static async Task<TempService> ArrangeAsync()
    {
        var service = await new TempService().MigratedAsync();
        await service.Get<IPracticeStore>().SaveAsync(
            new Practice
            {
                Id = "riverside-pediatrics",
                Name = "Riverside Pediatrics",
                TimeZone = "America/New_York",
                Numbers = ["15550100"],
                Clinicians = [new Clinician("dr-lee", "Dr. Amy Lee", ClinicianRole.Physician, [])],
            },
            "test");
        return service;
    }
}
