using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Ivr.Data.Fhir;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Fhir;

/// <summary>Needs nothing: SMART Backend Services tokens against an in-process FHIR server that checks every assertion's signature.</summary>
public sealed class SmartTokenTests
{
    private static PatientMessage Message(long id) => new()
    {
        Id = id,
        CallId = 1,
        PracticeId = "riverside",
        Urgency = Urgency.Routine,
        ReceivedAt = EhrFixture.Night,
    };

    [Theory]
    [InlineData(false, "RS384")]
    [InlineData(true, "ES384")]
    public async System.Threading.Tasks.Task TheTokenRequestCarriesAnAssertionSignedWithThePracticesKey(bool ec, string algorithm)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, ec: ec);

        var result = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);

        Assert.Equal(EhrOutcome.Done, result.Outcome);
        var assertion = Assert.Single(fixture.Ehr.Assertions);
        Assert.True(fixture.Ehr.Verify(assertion));
        var parts = assertion.Split('.');
        using var header = JsonDocument.Parse(FakeEhr.FromBase64Url(parts[0]));
        using var claims = JsonDocument.Parse(FakeEhr.FromBase64Url(parts[1]));
        Assert.Equal(algorithm, header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("key-1", header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("ivr-riverside", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("ivr-riverside", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(FakeEhr.TokenUrl.AbsoluteUri, claims.RootElement.GetProperty("aud").GetString());
        Assert.False(string.IsNullOrEmpty(claims.RootElement.GetProperty("jti").GetString()));
        var lifetime = claims.RootElement.GetProperty("exp").GetInt64() - EhrFixture.Night.ToUnixTimeSeconds();
        Assert.InRange(lifetime, 1, 300);
        var token = fixture.Ehr.Requests.First(r => r.Url == FakeEhr.TokenUrl);
        Assert.Contains("scope=system%2FPatient.read+system%2FCommunication.write", token.Body, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task AnAssertionSignedWithAnotherKeyGetsNoToken(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        using var other = RSA.Create(2048);
        await File.WriteAllTextAsync(fixture.KeyFile, other.ExportPkcs8PrivateKeyPem(), CancellationToken.None);

        var result = await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);

        Assert.Equal(EhrOutcome.Refused, result.Outcome);
        Assert.Equal("token endpoint HTTP 400 invalid_client", result.Detail);
        Assert.Empty(fixture.Ehr.All<Communication>());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task TheTokenIsKeptUntilShortlyBeforeItExpiresThenRenewed(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        fixture.Ehr.ExpiresIn = 300;

        await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));
        await fixture.Link.HandOffAsync("riverside", Message(2), CancellationToken.None);
        Assert.Equal(1, fixture.Ehr.TokensIssued);

        fixture.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1)); // 4 min 1 s: within the minute before expiry
        await fixture.Link.HandOffAsync("riverside", Message(3), CancellationToken.None);
        Assert.Equal(2, fixture.Ehr.TokensIssued);
        Assert.Equal(3, fixture.Ehr.All<Communication>().Count());
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task A401DropsTheTokenAndAsksOnceMoreWithAFreshOne(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);
        await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);
        fixture.Ehr.Revoked = "token-1";

        var result = await fixture.Link.HandOffAsync("riverside", Message(2), CancellationToken.None);

        Assert.Equal(EhrOutcome.Done, result.Outcome);
        Assert.Equal(2, fixture.Ehr.TokensIssued);
        Assert.Equal("Bearer token-2", fixture.Ehr.Requests[^1].Headers["Authorization"]);
    }

    [Theory]
    [BothDatabases]
    public async System.Threading.Tasks.Task TheTokenEndpointIsFoundInTheSmartConfigurationWhenTheSettingsNameNone(DataProvider provider)
    {
        using var fixture = new EhrFixture(EhrLevel.Inform, provider: provider);

        await fixture.Link.HandOffAsync("riverside", Message(1), CancellationToken.None);

        Assert.Equal(new Uri(FakeEhr.Base, ".well-known/smart-configuration"), fixture.Ehr.Requests[0].Url);
        Assert.Equal(FakeEhr.TokenUrl, fixture.Ehr.Requests[1].Url);
    }
}
