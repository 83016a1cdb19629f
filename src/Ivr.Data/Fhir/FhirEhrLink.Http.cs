using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Ivr.Domain.Ehr;

namespace Ivr.Data.Fhir;

public sealed partial class FhirEhrLink
{
    private const string FhirJson = "application/fhir+json";

    private static readonly JsonSerializerOptions FhirOptions = new JsonSerializerOptions().ForFhir();

    /// <summary>
    /// One FHIR interaction with the practice's token; a 401 drops the token and asks once more with a fresh one.
    /// Down, slow or unreachable is <see cref="EhrOutcome.TryAgain"/>, thrown.
    /// </summary>
    private async Task<FhirReply> SendAsync(Link link, HttpMethod method, Uri url, Resource? body, Action<HttpRequestHeaders>? headers, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.TokenAsync(link.PracticeId, link.Settings, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirJson));
            if (body is not null)
            {
                request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), FhirOptions), Encoding.UTF8, FhirJson);
                request.Headers.Add("Prefer", "return=representation");
            }

            headers?.Invoke(request.Headers);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new FhirCallException(EhrOutcome.TryAgain, $"EHR unreachable ({exception.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FhirCallException(EhrOutcome.TryAgain, "EHR did not answer in time");
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    tokens.Drop(link.PracticeId, token);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new FhirReply(
                    response.StatusCode,
                    Parse(text),
                    response.Headers.ETag?.Tag,
                    response.Headers.Location);
            }
        }
    }

    private Uri Url(Link link, string relative) => new(link.BaseUrl, relative);

    private static Resource? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Resource>(text, FhirOptions);
        }
        catch (Exception exception) when (exception is JsonException or DeserializationFailedException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What a reply that is not 2xx means: 5xx, 429 and 408 may pass; anything else is refused, with the issue codes.</summary>
    private static FhirCallException Failure(FhirReply reply, string what)
    {
        var status = (int)reply.Status;
        var codes = reply.Resource is OperationOutcome outcome
            ? outcome.Issue.Select(i => i.Code is { } code ? code.GetLiteral() : null).OfType<string>().Distinct().ToList()
            : [];
        var detail = $"{what}: HTTP {status.ToString(CultureInfo.InvariantCulture)}"
            + (reply.Status == HttpStatusCode.Unauthorized ? " after a fresh token" : string.Empty)
            + (codes.Count > 0 ? $" ({string.Join(", ", codes)})" : string.Empty);
        return new FhirCallException(SmartTokenSource.Transient(reply.Status) ? EhrOutcome.TryAgain : EhrOutcome.Refused, detail, reply.Status);
    }

    private static T Expect<T>(FhirReply reply, string what)
        where T : Resource =>
        reply.Success && reply.Resource is T resource ? resource
        : reply.Success ? throw new FhirCallException(EhrOutcome.TryAgain, $"{what}: the EHR answered without a {typeof(T).Name}")
        : throw Failure(reply, what);

    /// <summary>
    /// Creates <paramref name="resource"/> unless one with the same identifier exists (<c>If-None-Exist</c>): the
    /// reference of the one made, or of the one that was there. A retry after a lost answer finds the first.
    /// </summary>
    private async Task<(string Reference, T? Resource)> CreateOnceAsync<T>(Link link, T resource, string identifier, CancellationToken cancellationToken)
        where T : Resource
    {
        var type = resource.TypeName;
        var reply = await SendAsync(
            link,
            HttpMethod.Post,
            Url(link, type),
            resource,
            h => h.Add("If-None-Exist", $"identifier={Uri.EscapeDataString(MessageSystem)}|{Uri.EscapeDataString(identifier)}"),
            cancellationToken).ConfigureAwait(false);
        if (!reply.Success)
        {
            throw Failure(reply, $"create {type}");
        }

        var made = reply.Resource as T;
        var id = made?.Id ?? IdFromLocation(reply.Location, type)
            ?? throw new FhirCallException(EhrOutcome.TryAgain, $"create {type}: the EHR answered without the new resource's id");
        return ($"{type}/{id}", made);
    }

    /// <summary>The id in a Location header (<c>.../Appointment/12/_history/1</c>).</summary>
    private static string? IdFromLocation(Uri? location, string type)
    {
        if (location is null)
        {
            return null;
        }

        var parts = location.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(parts, type);
        return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : null;
    }

    /// <summary>What one interaction brought back.</summary>
    private sealed record FhirReply(HttpStatusCode Status, Resource? Resource, string? ETag, Uri? Location)
    {
        public bool Success => (int)Status is >= 200 and < 300;

        /// <summary>The version to put in If-Match: the ETag, else the resource's meta.versionId.</summary>
        public string? Version => ETag is { } tag ? tag.Trim('"') : Resource?.Meta?.VersionId;
    }
}
