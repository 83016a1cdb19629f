using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Ivr.Data.Tests.Fhir;

/// <summary>
/// A small FHIR R4 server behind an <see cref="HttpMessageHandler"/>, speaking HTTP and FHIR JSON: a token endpoint
/// that checks the client assertion's signature against the registered public key, Schedules and Slots (searched a
/// page of <see cref="PageSize"/> at a time), conditional creates (If-None-Exist on identifier), reads and updates
/// with versions and If-Match. It records every request and can be told to answer the next ones with a failure.
/// </summary>
public sealed class FakeEhr : HttpMessageHandler
{
    public static readonly Uri Base = new("https://ehr.example/fhir/");
    public static readonly Uri TokenUrl = new("https://ehr.example/auth/token");

    public static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir();

    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly Queue<Func<HttpResponseMessage?>> _failures = new();
    private int _nextId;

    public FakeEhr(AsymmetricAlgorithm clientKey)
    {
        ClientKey = clientKey;
    }

    public AsymmetricAlgorithm ClientKey { get; }

    public int PageSize { get; set; } = 2;

    public int ExpiresIn { get; set; } = 300;

    public List<Request> Requests { get; } = [];

    public List<string> Assertions { get; } = [];

    public int TokensIssued { get; private set; }

    /// <summary>Runs after a Slot is read and before the next request: another caller's change, say.</summary>
    public Action? AfterSlotRead { get; set; }

    public IEnumerable<T> All<T>()
        where T : Resource => _resources.Values.OfType<T>();

    public T Get<T>(string reference)
        where T : Resource => (T)_resources[reference];

    public void Add(Resource resource)
    {
        resource.Meta ??= new Meta();
        resource.Meta.VersionId ??= "1";
        _resources[resource.TypeName + "/" + resource.Id] = resource;
    }

    /// <summary>The next FHIR request (not the token's) is answered with <paramref name="status"/> and <paramref name="outcome"/>.</summary>
    public void FailNext(HttpStatusCode status, OperationOutcome? outcome = null) =>
        _failures.Enqueue(() => Reply(status, outcome));

    /// <summary>The next FHIR request throws as a timed-out HttpClient would.</summary>
    public void TimeOutNext() => _failures.Enqueue(() => throw new TaskCanceledException("timed out"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Request(request.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body);
        Requests.Add(recorded);
        if (request.RequestUri == TokenUrl)
        {
            return Token(body);
        }

        if (request.RequestUri!.AbsolutePath.EndsWith("/.well-known/smart-configuration", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { token_endpoint = TokenUrl.AbsoluteUri }));
        }

        if (request.Headers.Authorization?.Parameter is not { } token || !token.StartsWith("token-", StringComparison.Ordinal) || token == Revoked)
        {
            return Reply(HttpStatusCode.Unauthorized, null);
        }

        if (_failures.TryDequeue(out var failure) && failure() is { } failed)
        {
            return failed;
        }

        var path = request.RequestUri.AbsolutePath[Base.AbsolutePath.Length..];
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        return (request.Method.Method, path.Split('/')) switch
        {
            ("GET", ["Slot"]) => SearchSlots(query),
            ("GET", ["Appointment"]) => Search<Appointment>(a => a.Identifier.Any(i => $"{i.System}|{i.Value}" == query["identifier"]) && (query["status"] is null || a.Status.ToString()!.Equals(query["status"], StringComparison.OrdinalIgnoreCase))),
            ("GET", ["Patient"]) => Search<Patient>(p => p.Name.Any(n => n.Text == query["name"]) && p.BirthDate == query["birthdate"]),
            ("GET", [var type, var id]) => Read(type + "/" + id),
            ("PUT", [var type, var id]) => Update(type + "/" + id, body, request.Headers.TryGetValues("If-Match", out var match) ? match.First() : null),
            ("POST", [var type]) => Create(type, body, request.Headers.TryGetValues("If-None-Exist", out var condition) ? condition.First() : null),
            _ => Reply(HttpStatusCode.NotFound, Outcome(OperationOutcome.IssueType.NotFound)),
        };
    }

    /// <summary>A token the EHR stopped honouring (revoked early): the client must ask for a new one.</summary>
    public string? Revoked { get; set; }

    public static OperationOutcome Outcome(OperationOutcome.IssueType code) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = "refused" }],
    };

    private HttpResponseMessage Token(string body)
    {
        var form = System.Web.HttpUtility.ParseQueryString(body);
        var assertion = form["client_assertion"] ?? string.Empty;
        Assertions.Add(assertion);
        if (form["grant_type"] != "client_credentials" || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || !Verify(assertion))
        {
            return Json(HttpStatusCode.BadRequest, """{"error":"invalid_client"}""");
        }

        TokensIssued++;
        return Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { access_token = $"token-{TokensIssued}", token_type = "bearer", expires_in = ExpiresIn, scope = form["scope"] }));
    }

    /// <summary>Whether the assertion is signed by the client's key, for this token endpoint, and not expired.</summary>
    public bool Verify(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var data = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = FromBase64Url(parts[2]);
        var signed = ClientKey switch
        {
            RSA rsa => rsa.VerifyData(data, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.VerifyData(data, signature, HashAlgorithmName.SHA384),
            _ => false,
        };
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        return signed && claims.RootElement.GetProperty("aud").GetString() == TokenUrl.AbsoluteUri;
    }

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private HttpResponseMessage SearchSlots(System.Collections.Specialized.NameValueCollection query)
    {
        var schedule = query["schedule"];
        var starts = query.GetValues("start") ?? [];
        var from = DateTimeOffset.Parse(starts.Single(s => s.StartsWith("ge", StringComparison.Ordinal))[2..], System.Globalization.CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(starts.Single(s => s.StartsWith("le", StringComparison.Ordinal))[2..], System.Globalization.CultureInfo.InvariantCulture);
        var all = All<Slot>()
            .Where(s => s.Schedule.Reference == schedule && s.Status == Slot.SlotStatus.Free && s.Start >= from && s.Start <= to)
            .OrderBy(s => s.Start)
            .ToList();
        var page = int.TryParse(query["_page"], out var p) ? p : 0;
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = all.Count,
            Entry = all.Skip(page * PageSize).Take(PageSize).Select(s => new Bundle.EntryComponent { Resource = s }).ToList(),
        };
        if ((page + 1) * PageSize < all.Count)
        {
            var next = System.Web.HttpUtility.ParseQueryString(string.Empty);
            next.Add(query);
            next["_page"] = (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = new Uri(Base, "Slot?" + next).AbsoluteUri });
        }

        return Reply(HttpStatusCode.OK, bundle);
    }

    private HttpResponseMessage Search<T>(Func<T, bool> match)
        where T : Resource
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        bundle.Entry.AddRange(All<T>().Where(match).Select(r => new Bundle.EntryComponent { Resource = r }));
        return Reply(HttpStatusCode.OK, bundle);
    }

    private HttpResponseMessage Read(string reference)
    {
        if (!_resources.TryGetValue(reference, out var resource))
        {
            return Reply(HttpStatusCode.NotFound, Outcome(OperationOutcome.IssueType.NotFound));
        }

        var reply = Reply(HttpStatusCode.OK, resource);
        reply.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue($"\"{resource.Meta!.VersionId}\"", isWeak: true);
        if (resource is Slot && AfterSlotRead is { } after)
        {
            AfterSlotRead = null;
            after();
        }

        return reply;
    }

    private HttpResponseMessage Update(string reference, string body, string? ifMatch)
    {
        if (!_resources.TryGetValue(reference, out var current))
        {
            return Reply(HttpStatusCode.NotFound, Outcome(OperationOutcome.IssueType.NotFound));
        }

        if (ifMatch is null || ifMatch != $"W/\"{current.Meta!.VersionId}\"")
        {
            return Reply(HttpStatusCode.PreconditionFailed, Outcome(OperationOutcome.IssueType.Conflict));
        }

        var updated = JsonSerializer.Deserialize<Resource>(body, Fhir)!;
        updated.Meta ??= new Meta();
        updated.Meta.VersionId = (int.Parse(current.Meta!.VersionId!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _resources[reference] = updated;
        return Reply(HttpStatusCode.OK, updated);
    }

    private HttpResponseMessage Create(string type, string body, string? condition)
    {
        var resource = JsonSerializer.Deserialize<Resource>(body, Fhir)!;
        if (resource.TypeName != type)
        {
            return Reply(HttpStatusCode.BadRequest, Outcome(OperationOutcome.IssueType.Invalid));
        }

        if (condition is not null)
        {
            var wanted = Uri.UnescapeDataString(condition["identifier=".Length..]);
            var existing = _resources.Values.Where(r => r.TypeName == type && Identifiers(r).Contains(wanted)).ToList();
            if (existing.Count == 1)
            {
                return Reply(HttpStatusCode.OK, existing[0]);
            }
        }

        resource.Id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta = new Meta { VersionId = "1" };
        _resources[type + "/" + resource.Id] = resource;
        var reply = Reply(HttpStatusCode.Created, resource);
        reply.Headers.Location = new Uri(Base, $"{type}/{resource.Id}/_history/1");
        return reply;
    }

    private static IEnumerable<string> Identifiers(Resource resource) => resource switch
    {
        Appointment a => a.Identifier.Select(i => $"{i.System}|{i.Value}"),
        Communication c => c.Identifier.Select(i => $"{i.System}|{i.Value}"),
        _ => [],
    };

    private static HttpResponseMessage Reply(HttpStatusCode status, Resource? resource) =>
        resource is null
            ? new HttpResponseMessage(status)
            : new HttpResponseMessage(status) { Content = new StringContent(JsonSerializer.Serialize(resource, resource.GetType(), Fhir), Encoding.UTF8, "application/fhir+json") };

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public sealed record Request(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public T Resource<T>()
            where T : Resource => JsonSerializer.Deserialize<T>(Body, Fhir)!;
    }
}
