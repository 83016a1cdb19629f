using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Ivr.Testing.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Data.Tests.EhrDouble;

/// <summary>
/// Needs nothing but the code (and the R4 definitions the test package ships): the FHIR double hands a
/// bearer token only for a correctly signed SMART Backend Services assertion, and nothing else without one.
/// </summary>
public sealed class FhirDoubleTokenTests
{
    [Fact]
    public async Task AnRs384AssertionSignedWithTheRegisteredKeyGetsATokenThatOpensTheServer()
    {
        await using var ehr = await DoubleUnderTest.StartAsync(tokenLifetime: TimeSpan.FromMinutes(2));

        using var response = await ehr.RequestTokenAsync(SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(4)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(120, json.RootElement.GetProperty("expires_in").GetInt32());
        ehr.Http.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("access_token").GetString());
        using var search = await ehr.GetAsync("Slot?status=free");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task AnEs384AssertionSignedWithAKeyRegisteredAsAJwkSetGetsAToken()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var q = key.ExportParameters(false).Q;
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        ehr.Fhir.RegisterClientJwk("ivr-harbor", $$"""{"keys":[{"kty":"EC","crv":"P-384","kid":"k1","x":"{{B64(q.X!)}}","y":"{{B64(q.Y!)}}"}]}""");

        using var good = await ehr.RequestTokenAsync(SmartAssertion.Sign(key, "ivr-harbor", ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(5), keyId: "k1"));
        using var otherKid = await ehr.RequestTokenAsync(SmartAssertion.Sign(key, "ivr-harbor", ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(5), keyId: "k2"));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherKid.StatusCode);
    }

    [Fact]
    public async Task AClientRegisteredWithAPemKeyGetsATokenForAnAssertionItSigned()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        ehr.Fhir.RegisterClientPem("ivr-harbor", key.ExportSubjectPublicKeyInfoPem());
        using var rsa = RSA.Create(2048);
        ehr.Fhir.RegisterClientPem("ivr-lakeside", rsa.ExportPkcs8PrivateKeyPem());

        using var ec = await ehr.RequestTokenAsync(SmartAssertion.Sign(key, "ivr-harbor", ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(5)));
        using var rs = await ehr.RequestTokenAsync(SmartAssertion.Sign(rsa, "ivr-lakeside", ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(5)));
        using var crossed = await ehr.RequestTokenAsync(SmartAssertion.Sign(rsa, "ivr-harbor", ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(5)));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest), (ec.StatusCode, rs.StatusCode, crossed.StatusCode));
    }

    [Fact]
    public async Task AnAssertionSignedWithAnotherKeyIsRefused()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        using var stranger = RSA.Create(2048);

        await AssertRefusedAsync(ehr, SmartAssertion.Sign(stranger, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(4)), "signature");
    }

    [Fact]
    public async Task AnAssertionForAnotherAudienceIsRefused()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();

        await AssertRefusedAsync(ehr, SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.BaseUrl, ehr.Time.GetUtcNow().AddMinutes(4)), "aud");
    }

    [Fact]
    public async Task AClientThatAddressesTheDoubleAsLocalhostUsesThatTokenUrlAsItsAudience()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        var root = $"http://localhost:{ehr.Fhir.Root.Port}";
        using var smart = await ehr.GetAsync($"{root}/fhir/.well-known/smart-configuration");
        using var json = JsonDocument.Parse(await smart.Content.ReadAsStringAsync());
        var tokenUrl = json.RootElement.GetProperty("token_endpoint").GetString()!;

        using var response = await ehr.Http.PostAsync(tokenUrl, SmartAssertion.TokenRequest(SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, tokenUrl, ehr.Time.GetUtcNow().AddMinutes(4))));

        Assert.Equal($"{root}/auth/token", tokenUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredAssertionAndOneThatLastsLongerThanFiveMinutesAreRefused()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();

        await AssertRefusedAsync(ehr, SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddSeconds(-1)), "expired");
        await AssertRefusedAsync(ehr, SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(6)), "five minutes");
    }

    [Fact]
    public async Task AnAssertionWhoseSubjectIsNotTheClientIsRefused()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();

        await AssertRefusedAsync(ehr, SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(4), subject: "someone-else"), "sub");
    }

    [Fact]
    public async Task AnAssertionSentTwiceIsRefusedTheSecondTime()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();
        var assertion = SmartAssertion.Sign(ehr.Key, DoubleUnderTest.ClientId, ehr.Fhir.TokenUrl, ehr.Time.GetUtcNow().AddMinutes(4), jti: "once");

        using var first = await ehr.RequestTokenAsync(assertion);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(ehr, assertion, "jti");
    }

    [Fact]
    public async Task WithoutABearerOrWithAnExpiredOneTheServerAnswers401WithAnOperationOutcome()
    {
        await using var ehr = await DoubleUnderTest.StartAsync(tokenLifetime: TimeSpan.FromMinutes(1));

        using var none = await ehr.GetAsync("Slot?status=free");
        await ehr.AuthorizeAsync();
        using var fresh = await ehr.GetAsync("Slot?status=free");
        ehr.Time.Advance(TimeSpan.FromMinutes(1));
        using var expired = await ehr.GetAsync("Slot?status=free");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Login, (await DoubleUnderTest.ReadAsync<OperationOutcome>(none)).Issue[0].Code);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task MetadataIsAValidR4CapabilityStatementAndTheSmartConfigurationNamesTheTokenUrl()
    {
        await using var ehr = await DoubleUnderTest.StartAsync();

        using var metadata = await ehr.GetAsync("metadata");
        using var smart = await ehr.GetAsync(".well-known/smart-configuration");

        var capabilities = await DoubleUnderTest.ReadAsync<CapabilityStatement>(metadata);
        var outcome = FhirR4.Validate(capabilities);
        Assert.True(outcome.Success, outcome.ToString());
        Assert.Contains(capabilities.Rest[0].Resource, r => r.Type == "Slot");
        using var json = JsonDocument.Parse(await smart.Content.ReadAsStringAsync());
        Assert.Equal(ehr.Fhir.TokenUrl, json.RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal(["private_key_jwt"], json.RootElement.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["RS384", "ES384"], json.RootElement.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    private static async System.Threading.Tasks.Task AssertRefusedAsync(DoubleUnderTest ehr, string assertion, string because)
    {
        using var response = await ehr.RequestTokenAsync(assertion);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_client", json.RootElement.GetProperty("error").GetString());
        Assert.Contains(because, json.RootElement.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
    }
}
