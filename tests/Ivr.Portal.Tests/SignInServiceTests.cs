using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Portal.Tests;

/// <summary>Needs a temporary SQLite file: passwords, the lockout after five wrong ones, and the audit of every try.</summary>
public sealed class SignInServiceTests
{
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheRightPasswordSignsInAndAWrongOneDoesNot()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, _) = await ArrangeAsync(service);

        var good = await signIn.SignInAsync("Lee ", Password);
        var bad = await signIn.SignInAsync("lee", Password + "!");

        Assert.Equal(SignInStatus.Success, good.Status);
        Assert.Equal("dr-lee", good.User!.ClinicianId);
        Assert.Equal(SignInStatus.Invalid, bad.Status);
        Assert.Null(bad.User);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutesEvenAgainstTheRightOne()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, clock) = await ArrangeAsync(service);

        var outcomes = new List<SignInStatus>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await signIn.SignInAsync("lee", "guess " + i)).Status);
        }

        clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await signIn.SignInAsync("lee", Password);
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterwards = await signIn.SignInAsync("lee", Password);

        Assert.Equal([SignInStatus.Invalid, SignInStatus.Invalid, SignInStatus.Invalid, SignInStatus.Invalid, SignInStatus.LockedOut], outcomes);
        Assert.Equal(SignInStatus.LockedOut, stillLocked.Status);
        Assert.Equal(Start.AddMinutes(15), stillLocked.LockedUntil);
        Assert.Equal(SignInStatus.Success, afterwards.Status);
        var user = await service.Get<IUserStore>().FindAsync("lee");
        Assert.Equal(0, user!.FailedCount);
        Assert.Null(user.LockedUntil);
    }

    [Fact]
    public async Task AGoodSignInForgetsEarlierFailuresSoOnlyFailuresInARowCount()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, _) = await ArrangeAsync(service);

        for (var i = 0; i < 4; i++)
        {
            await signIn.SignInAsync("lee", "guess");
        }

        await signIn.SignInAsync("lee", Password);
        var outcomes = new List<SignInStatus>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add((await signIn.SignInAsync("lee", "guess")).Status);
        }

        Assert.All(outcomes, o => Assert.Equal(SignInStatus.Invalid, o));
        Assert.Equal(4, (await service.Get<IUserStore>().FindAsync("lee"))!.FailedCount);
    }

    [Fact]
    public async Task AFailureAfterALockRanOutStartsTheCountAgain()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, clock) = await ArrangeAsync(service);
        for (var i = 0; i < 5; i++)
        {
            await signIn.SignInAsync("lee", "guess");
        }

        clock.Advance(TimeSpan.FromMinutes(16));
        var next = await signIn.SignInAsync("lee", "guess");

        Assert.Equal(SignInStatus.Invalid, next.Status);
        var user = await service.Get<IUserStore>().FindAsync("lee");
        Assert.Equal(1, user!.FailedCount);
        Assert.Null(user.LockedUntil);
    }

    [Fact]
    public async Task ParallelGuessesAreAllCounted()
    {
        await using var service = await new TempService().MigratedAsync();
        await ArrangeAsync(service);
        var store = service.Get<IUserStore>();
        var id = (await store.FindAsync("lee"))!.Id;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.RecordFailureAsync(id, LockoutPolicy.Default, Start)));

        var user = await store.GetAsync(id);
        Assert.Equal(8, user!.FailedCount);
        Assert.True(user.IsLockedOut(Start));
    }

    [Fact]
    public async Task AnUnknownUsernameIsTheSameAnswerAsAWrongPasswordAndEveryTryIsAudited()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, _) = await ArrangeAsync(service);

        var unknown = await signIn.SignInAsync("nobody", Password);
        await signIn.SignInAsync("lee", "wrong");
        await signIn.SignInAsync("lee", Password);

        Assert.Equal(SignInStatus.Invalid, unknown.Status);
        var audit = await service.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "signin.failed" && e.SubjectId == "nobody" && e.Detail == "unknown username");
        Assert.Contains(audit, e => e.Action == "signin.failed" && e.SubjectId == "lee");
        Assert.Contains(audit, e => e.Action == "signin" && e.Actor == "portal:lee");
        Assert.DoesNotContain(audit, e => e.Detail.Contains(Password, StringComparison.Ordinal) || e.SubjectId.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheStoredHashIsNeverThePassword()
    {
        await using var service = await new TempService().MigratedAsync();
        await ArrangeAsync(service);

        var user = await service.Get<IUserStore>().FindAsync("lee");

        Assert.DoesNotContain(Password, user!.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<PortalUser>().VerifyHashedPassword(user, user.PasswordHash, Password));
    }

    private static async Task<(SignInService SignIn, FakeTimeProvider Clock)> ArrangeAsync(TempService service)
    {
        var clock = new FakeTimeProvider(Start);
        var hasher = new PasswordHasher<PortalUser>();
        var user = new PortalUser { Username = "lee", PasswordHash = string.Empty, Role = PortalRole.Clinician, PracticeId = "riverside-pediatrics", ClinicianId = "dr-lee", CreatedAt = Start };
        await service.Get<IUserStore>().AddAsync(user with { PasswordHash = hasher.HashPassword(user, Password) });
        var signIn = new SignInService(service.Get<IUserStore>(), hasher, service.Get<IAuditLog>(), Options.Create(new PortalOptions()), clock, NullLogger<SignInService>.Instance);
        return (signIn, clock);
    }
}
