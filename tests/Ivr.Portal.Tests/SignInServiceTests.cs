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
    public async Task AfterFiveWrongPasswordsEachTryWaitsTwiceAsLongUpToAMinuteAndTheRightPasswordInsideTheWaitIsRefused()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, clock) = await ArrangeAsync(service);
        var store = service.Get<IUserStore>();

        var outcomes = new List<SignInStatus>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add((await signIn.SignInAsync("lee", "guess " + i)).Status);
        }

        var waits = new List<TimeSpan> { (await store.FindAsync("lee"))!.LockedUntil!.Value - clock.GetUtcNow() };
        clock.Advance(TimeSpan.FromSeconds(1));
        var rightTooSoon = await signIn.SignInAsync("lee", Password);
        var countAfterTooSoon = (await store.FindAsync("lee"))!.FailedCount;
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(waits[^1]);
            await signIn.SignInAsync("lee", "guess again");
            waits.Add((await store.FindAsync("lee"))!.LockedUntil!.Value - clock.GetUtcNow());
        }

        Assert.All(outcomes, o => Assert.Equal(SignInStatus.Invalid, o));
        Assert.Equal(SignInStatus.Invalid, rightTooSoon.Status);
        Assert.Equal(5, countAfterTooSoon);
        Assert.Equal([2, 4, 8, 16, 32, 60, 60], waits.Select(w => w.TotalSeconds));
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(20), e => e.Action == "signin.failed" && e.Detail.StartsWith("refused unchecked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDelayNeverLocksForGoodTheRightPasswordAfterTheCapSignsIn()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, clock) = await ArrangeAsync(service);
        for (var i = 0; i < 40; i++)
        {
            await signIn.SignInAsync("lee", "guess");
            clock.Advance(TimeSpan.FromSeconds(61));
        }

        var user = (await service.Get<IUserStore>().FindAsync("lee"))!;
        var right = await signIn.SignInAsync("lee", Password);

        Assert.True(user.FailedCount >= 40);
        Assert.Equal(SignInStatus.Success, right.Status);
        Assert.Equal(0, (await service.Get<IUserStore>().FindAsync("lee"))!.FailedCount);
    }

    [Fact]
    public async Task ADisabledAccountIsRefusedWithTheRightPasswordAndTheSameAnswer()
    {
        await using var service = await new TempService().MigratedAsync();
        var (signIn, clock) = await ArrangeAsync(service);
        var store = service.Get<IUserStore>();
        await store.SetDisabledAsync((await store.FindAsync("lee"))!.Id, clock.GetUtcNow());

        var outcome = await signIn.SignInAsync("lee", Password);

        Assert.Equal(SignInStatus.Invalid, outcome.Status);
        Assert.Null(outcome.User);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(5), e => e.Action == "signin.failed" && e.Detail == "account disabled");
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
    public async Task ParallelGuessesAreAllCounted()
    {
        await using var service = await new TempService().MigratedAsync();
        await ArrangeAsync(service);
        var store = service.Get<IUserStore>();
        var id = (await store.FindAsync("lee"))!.Id;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.RecordFailureAsync(id, LockoutPolicy.Default, Start)));

        var user = await store.GetAsync(id);
        Assert.Equal(8, user!.FailedCount);
        Assert.Equal(Start + LockoutPolicy.Default.DelayAfter(8), user.LockedUntil);
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
