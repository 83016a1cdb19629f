using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Ivr.Testing.Fhir;

// The one request pipeline: route, fault, bearer, answer, record.
public sealed partial class FhirDouble
{
    private static readonly HashSet<string> CreatableTypes = ["Appointment", "Communication", "Task", "QuestionnaireResponse"];

    private async System.Threading.Tasks.Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var exchange = new Exchange(request, body, $"{request.Scheme}://{request.Host}{FhirPath}", _options.Time.GetUtcNow());

        FhirReply reply;
        try
        {
            reply = await AnswerAsync(exchange, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up while the double was slow: recorded as nginx's "client closed request".
            Record(exchange.Received(499));
            return;
        }

        Record(exchange.Received(reply.Status));
        var response = context.Response;
        response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = reply.ContentType;
        await response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private async Task<FhirReply> AnswerAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        if (Route(exchange) is not { } route)
        {
            return FhirReply.Outcome(404, OperationOutcome.IssueType.NotSupported, $"{exchange.Method} {exchange.Path} is not something this server does");
        }

        switch (Faults.Next(route))
        {
            case { Kind: FhirFaults.FaultKind.Down }:
                return FhirReply.Outcome(503, OperationOutcome.IssueType.Transient, "the server is down");
            case { Kind: FhirFaults.FaultKind.Refuse }:
                return FhirReply.Outcome(403, OperationOutcome.IssueType.Forbidden, "forbidden");
            case { Kind: FhirFaults.FaultKind.Fail } fail:
                return FhirReply.Outcome((int)fail.Status, OperationOutcome.IssueType.Exception, "the server failed (as told)");
            case { Kind: FhirFaults.FaultKind.Slow, Hold: { } hold }:
                await hold.WaitAsync(cancellationToken);
                break;
        }

        if (route is not (FhirRoute.Metadata or FhirRoute.SmartConfiguration or FhirRoute.Token) && !Authorized(exchange))
        {
            var refused = FhirReply.Outcome(401, OperationOutcome.IssueType.Login, "a valid bearer token is required");
            refused.Headers["WWW-Authenticate"] = "Bearer";
            return refused;
        }

        return route switch
        {
            FhirRoute.Metadata => FhirReply.Resource(200, Capabilities(exchange.FhirBase)),
            FhirRoute.SmartConfiguration => SmartConfiguration(exchange),
            FhirRoute.Token => Token(exchange),
            FhirRoute.Read => Read(exchange),
            FhirRoute.SearchSlots => SearchSlots(exchange),
            FhirRoute.SearchPatients => SearchPatients(exchange),
            FhirRoute.UpdateSlot or FhirRoute.UpdateAppointment => Update(exchange),
            _ => Create(exchange),
        };
    }

    private static FhirRoute? Route(Exchange exchange)
    {
        if (exchange.Path == TokenPath)
        {
            return exchange.Method == "POST" ? FhirRoute.Token : null;
        }

        if (!exchange.Path.StartsWith(FhirPath + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = exchange.Segments;
        return (exchange.Method, segments.Length) switch
        {
            ("GET", 1) when segments[0] == "metadata" => FhirRoute.Metadata,
            ("GET", 2) when segments is [".well-known", "smart-configuration"] => FhirRoute.SmartConfiguration,
            ("GET", 1) when segments[0] == "Slot" => FhirRoute.SearchSlots,
            ("GET", 1) when segments[0] == "Patient" => FhirRoute.SearchPatients,
            ("GET", 2) => FhirRoute.Read,
            ("PUT", 2) when segments[0] == "Slot" => FhirRoute.UpdateSlot,
            ("PUT", 2) when segments[0] == "Appointment" => FhirRoute.UpdateAppointment,
            ("POST", 1) when CreatableTypes.Contains(segments[0]) => Enum.Parse<FhirRoute>("Create" + segments[0]),
            _ => null,
        };
    }

    private bool Authorized(Exchange exchange)
    {
        var authorization = exchange.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorization["Bearer ".Length..].Trim();
        lock (_sync)
        {
            return _tokens.TryGetValue(token, out var issued) && issued.Expires > _options.Time.GetUtcNow();
        }
    }

    private FhirReply Read(Exchange exchange)
    {
        var (type, id) = (exchange.Segments[0], exchange.Segments[1]);
        Resource? kept;
        lock (_sync)
        {
            kept = _store.Find(type, id);
        }

        return kept is null
            ? FhirReply.Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known")
            : FhirReply.Kept(200, kept, exchange.FhirBase);
    }

    /// <summary>One request on its way through: what came, and what the double parsed and validated of it.</summary>
    private sealed class Exchange(HttpRequest request, string body, string fhirBase, DateTimeOffset at)
    {
        public string Method { get; } = request.Method;

        public string Path { get; } = request.Path.Value ?? "/";

        public string[] Segments => Path[FhirPath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);

        public IQueryCollection Query { get; } = request.Query;

        public string? ContentType { get; } = request.ContentType;

        public string Body { get; } = body;

        /// <summary>This server's FHIR base as the client addressed it, e.g. <c>http://127.0.0.1:40123/fhir</c>.</summary>
        public string FhirBase { get; } = fhirBase;

        /// <summary>This server's root as the client addressed it, e.g. <c>http://localhost:40123</c>.</summary>
        public string Root { get; } = fhirBase[..^FhirPath.Length];

        /// <summary>The URL of the request as the client sent it.</summary>
        public string Url { get; } = $"{fhirBase[..^FhirPath.Length]}{request.Path}{request.QueryString}";

        public Resource? Resource { get; set; }

        public OperationOutcome? Validation { get; set; }

        private readonly Dictionary<string, string> _headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        private readonly string _pathAndQuery = $"{request.Path}{request.QueryString}";

        public string? Header(string name) => _headers.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        public ReceivedFhirRequest Received(int status) => new(at, Method, _pathAndQuery, _headers, Body, status, Resource, Validation);
    }
}
