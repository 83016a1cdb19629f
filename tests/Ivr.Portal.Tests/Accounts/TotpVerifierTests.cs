using Ivr.Domain.Accounts;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>
/// Needs a temporary SQLite file: authenticator codes on a fake clock (RFC 6238, 30-second steps):
/// the right code, one step of drift either way, never the same code twice, and recovery codes once each.
/// </summary>
public sealed class TotpVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 10, TimeSpan.Zero);

    [Fact]
    public async Task TheCodeOfNowIsAcceptedAndAWrongOneIsNot()
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var (verifier, secret, _) = await EnrolAsync(fixture);

        Assert.False(await verifier.VerifyAsync(fixture.User.Id, Wrong(Code(secret, Now))));
        Assert.False(await verifier.VerifyAsync(fixture.User.Id, "12345"));
        Assert.True(await verifier.VerifyAsync(fixture.User.Id, Code(secret, Now)));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public async Task ACodeOneStepEarlyOrLateIsAcceptedTwoStepsAreNot(int seconds, bool accepted)
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var (verifier, secret, _) = await EnrolAsync(fixture);

        Assert.Equal(accepted, await verifier.VerifyAsync(fixture.User.Id, Code(secret, Now.AddSeconds(seconds))));
    }

    [Fact]
    public async Task ACodeIsAcceptedOnceAndAnEarlierStepAfterALaterOneNotAtAll()
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var (verifier, secret, time) = await EnrolAsync(fixture);
        var code = Code(secret, Now);

        var first = await verifier.VerifyAsync(fixture.User.Id, code);
        var again = await verifier.VerifyAsync(fixture.User.Id, code);
        time.Advance(TimeSpan.FromSeconds(30));
        var reusedWithinDrift = await verifier.VerifyAsync(fixture.User.Id, code);
        var next = await verifier.VerifyAsync(fixture.User.Id, Code(secret, time.GetUtcNow()));

        Assert.True(first);
        Assert.False(again);
        Assert.False(reusedWithinDrift);
        Assert.True(next);
    }

    [Fact]
    public async Task TheCodeThatConfirmedEnrolmentCannotSignIn()
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var time = new FakeTimeProvider(Now);
        var verifier = new TotpVerifier(fixture.Store, time);
        var service = new SecondFactorService(fixture.Store, verifier, fixture.Audit, Options.Create(new SecondFactorOptions()), time);
        var secret = TotpVerifier.NewSecret();

        var (confirmed, codes) = await service.ConfirmTotpAsync(fixture.User, secret, Code(secret, Now));

        Assert.True(confirmed);
        Assert.Equal(10, codes!.Count);
        Assert.False(await service.VerifyCodeAsync(fixture.User, Code(secret, Now)));
    }

    [Fact]
    public async Task TheSecretIsStoredEncryptedNotInPlainText()
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var (_, secret, _) = await EnrolAsync(fixture);

        await using var connection = await fixture.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_enc FROM user_totp";
        var stored = (string)(await command.ExecuteScalarAsync())!;

        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Equal(secret, await fixture.Store.GetTotpSecretAsync(fixture.User.Id));
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceAndOnlyItsOwnUser()
    {
        await using var fixture = await SecondFactorStoreFixture.CreateAsync();
        var time = new FakeTimeProvider(Now);
        var service = new SecondFactorService(fixture.Store, new TotpVerifier(fixture.Store, time), fixture.Audit, Options.Create(new SecondFactorOptions()), time);
        var codes = await service.ReplaceRecoveryCodesAsync(fixture.User);

        var first = await service.VerifyCodeAsync(fixture.User, codes[3].ToLowerInvariant());
        var again = await service.VerifyCodeAsync(fixture.User, codes[3]);
        var other = await service.VerifyCodeAsync(fixture.User, codes[4]);
        var stranger = await service.VerifyCodeAsync(fixture.User with { Id = fixture.User.Id + 1 }, codes[5]);

        Assert.True(first);
        Assert.False(again);
        Assert.True(other);
        Assert.False(stranger);
        Assert.Equal(8, await fixture.Store.UnusedRecoveryCodesAsync(fixture.User.Id));
        await using var connection = await fixture.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(code_hash) FROM user_recovery_codes";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<(TotpVerifier Verifier, string Secret, FakeTimeProvider Time)> EnrolAsync(SecondFactorStoreFixture fixture)
    {
        var time = new FakeTimeProvider(Now);
        var secret = TotpVerifier.NewSecret();
        // Enrolled long ago: no step of today is used yet.
        await fixture.Store.SetTotpAsync(fixture.User.Id, secret, 0, Now);
        return (new TotpVerifier(fixture.Store, time), secret, time);
    }

    private static string Code(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    private static string Wrong(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

}
