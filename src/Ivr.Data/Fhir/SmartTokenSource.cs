using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Ivr.Domain.Ehr;

namespace Ivr.Data.Fhir;

/// <summary>
/// SMART Backend Services access tokens, one per practice, kept in memory until shortly before they expire: a
/// <c>client_credentials</c> grant with a <c>private_key_jwt</c> assertion (<see cref="SmartAssertion"/>) sent to the
/// token endpoint the settings name, or else the one the server's <c>.well-known/smart-configuration</c> gives.
/// </summary>
public sealed class SmartTokenSource(HttpClient http, TimeProvider time)
{
    /// <summary>A token is renewed this long before it expires, so none goes out on its last breath.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Held> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Uri, Uri> _tokenUrls = new();

    /// <summary>The scope the practice's level needs.</summary>
    public static string Scope(EhrLevel level) => level switch
    {
        EhrLevel.Book => "system/*.read system/Appointment.write system/Slot.write system/Communication.write",
        EhrLevel.Propose => "system/Patient.read system/Appointment.write system/Communication.write",
        _ => "system/Patient.read system/Communication.write",
    };

    /// <summary>The practice's access token: the one held while it is good, else a new one.</summary>
    internal async Task<string> TokenAsync(string practiceId, EhrSettings settings, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(settings);
        var now = time.GetUtcNow();
        if (_tokens.TryGetValue(practiceId, out var held) && held.Fingerprint == fingerprint && now < held.RenewAt)
        {
            return held.Token;
        }

        var tokenUrl = settings.TokenUrl ?? await DiscoverAsync(settings.BaseUrl!, cancellationToken).ConfigureAwait(false);
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(settings.PrivateKeyFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new FhirCallException(EhrOutcome.Refused, "the EHR client's private key file cannot be read");
        }

        string assertion;
        try
        {
            using var key = SmartAssertion.ReadKey(pem);
            assertion = SmartAssertion.Create(settings.ClientId, tokenUrl, settings.KeyId, key, now);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            throw new FhirCallException(EhrOutcome.Refused, "the EHR client's private key is not an RSA or EC P-384 key in PEM");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = Scope(settings.Level),
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, "the token endpoint", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var code = OAuthError(body);
            throw new FhirCallException(
                Transient(response.StatusCode) ? EhrOutcome.TryAgain : EhrOutcome.Refused,
                $"token endpoint HTTP {(int)response.StatusCode}{(code is null ? string.Empty : " " + code)}");
        }

        var (token, expiresIn) = ReadToken(body);
        var fresh = new Held(token, now + TimeSpan.FromSeconds(expiresIn) - RenewBefore, fingerprint);
        _tokens[practiceId] = fresh;
        return token;
    }

    /// <summary>The EHR said 401 to <paramref name="token"/>: it is forgotten, so the next call asks for a new one.</summary>
    internal void Drop(string practiceId, string token)
    {
        if (_tokens.TryGetValue(practiceId, out var held) && held.Token == token)
        {
            _tokens.TryRemove(new KeyValuePair<string, Held>(practiceId, held));
        }
    }

    internal static bool Transient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private async Task<Uri> DiscoverAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        if (_tokenUrls.TryGetValue(baseUrl, out var known))
        {
            return known;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(FhirEhrLink.WithSlash(baseUrl), ".well-known/smart-configuration"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, "the SMART configuration", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new FhirCallException(
                Transient(response.StatusCode) ? EhrOutcome.TryAgain : EhrOutcome.Refused,
                $"SMART configuration HTTP {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Uri? tokenUrl = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("token_endpoint", out var endpoint) && endpoint.ValueKind == JsonValueKind.String)
            {
                Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out tokenUrl);
            }
        }
        catch (JsonException)
        {
        }

        if (tokenUrl is null || !FhirEhrLink.SafeScheme(tokenUrl))
        {
            throw new FhirCallException(EhrOutcome.Refused, "SMART configuration names no https token_endpoint");
        }

        _tokenUrls[baseUrl] = tokenUrl;
        return tokenUrl;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new FhirCallException(EhrOutcome.TryAgain, $"{what} unreachable ({exception.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FhirCallException(EhrOutcome.TryAgain, $"{what} did not answer in time");
        }
    }

    private static (string Token, int ExpiresIn) ReadToken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            if (!string.IsNullOrEmpty(token))
            {
                return (token, Math.Max(expiresIn, 0));
            }
        }
        catch (JsonException)
        {
        }

        throw new FhirCallException(EhrOutcome.TryAgain, "token endpoint answered without an access_token");
    }

    /// <summary>The OAuth error code (<c>invalid_client</c>) of a refused token request; null when none.</summary>
    private static string? OAuthError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && error.GetString() is { } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Fingerprint(EhrSettings settings) =>
        string.Join('\n', settings.BaseUrl, settings.TokenUrl, settings.ClientId, settings.PrivateKeyFile, settings.KeyId, settings.Level);

    private sealed record Held(string Token, DateTimeOffset RenewAt, string Fingerprint);
}
