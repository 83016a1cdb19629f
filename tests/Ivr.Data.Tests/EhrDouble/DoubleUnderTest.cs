using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ivr.Testing.Fhir;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.EhrDouble;

/// <summary>A FHIR double on a fake clock, a client registered with an RSA key, and an HttpClient that talks to it.</summary>
internal sealed class DoubleUnderTest : IAsyncDisposable
{
    public const string ClientId = "ivr-riverside";
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private DoubleUnderTest(FhirDouble fhir, FakeTimeProvider time)
    {
        Fhir = fhir;
        Time = time;
        Http = new HttpClient { BaseAddress = new Uri(fhir.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        fhir.RegisterClient(ClientId, Key);
    }

    public FhirDouble Fhir { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public RSA Key { get; } = RSA.Create(2048);

    public static async Task<DoubleUnderTest> StartAsync(TimeSpan? tokenLifetime = null, int pageSize = 10)
    {
        var time = new FakeTimeProvider(Start);
        var fhir = await FhirDouble.StartAsync(new FhirDoubleOptions { Time = time, TokenLifetime = tokenLifetime ?? TimeSpan.FromMinutes(5), PageSize = pageSize });
        return new DoubleUnderTest(fhir, time);
    }

    /// <summary>Asks for a token with <paramref name="assertion"/>; the response as it came.</summary>
    public Task<HttpResponseMessage> RequestTokenAsync(string assertion) =>
        Http.PostAsync(Fhir.TokenUrl, SmartAssertion.TokenRequest(assertion));

    /// <summary>A good assertion now, exchanged for a token that the client then sends on every request.</summary>
    public async Task<string> AuthorizeAsync()
    {
        using var response = await RequestTokenAsync(SmartAssertion.Sign(Key, ClientId, Fhir.TokenUrl, Time.GetUtcNow().AddMinutes(4)));
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    public Task<HttpResponseMessage> GetAsync(string relative) => Http.GetAsync(relative);

    public Task<HttpResponseMessage> PostAsync(string type, Resource resource, string? ifNoneExist = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, type) { Content = Body(resource) };
        if (ifNoneExist is not null)
        {
            request.Headers.Add("If-None-Exist", ifNoneExist);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutAsync(Resource resource, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{resource.TypeName}/{resource.Id}") { Content = Body(resource) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return Http.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        var json = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/fhir+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return (T)new FhirJsonDeserializer(new DeserializerSettings()).DeserializeResource(json);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Key.Dispose();
        await Fhir.DisposeAsync();
    }

    private static StringContent Body(Resource resource) => new(resource.ToJson(), Encoding.UTF8, "application/fhir+json");
}
