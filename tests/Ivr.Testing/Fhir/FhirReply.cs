using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Ivr.Testing.Fhir;

/// <summary>What the double answers: a status, a body and its type, and headers.</summary>
internal sealed record FhirReply(int Status, string Body, string ContentType)
{
    public const string FhirJson = "application/fhir+json; charset=utf-8";

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static FhirReply Resource(int status, Resource resource) => new(status, resource.ToJson(), FhirJson);

    /// <summary>A resource as kept, with its <c>ETag</c>, <c>Last-Modified</c> and (for a create) <c>Location</c>.</summary>
    public static FhirReply Kept(int status, Resource resource, string fhirBase, bool location = false)
    {
        var reply = Resource(status, resource);
        var meta = resource.Meta ?? throw new InvalidOperationException("A kept resource has its meta.");
        reply.Headers["ETag"] = $"W/\"{meta.VersionId}\"";
        if (meta.LastUpdated is { } updated)
        {
            reply.Headers["Last-Modified"] = updated.ToString("R", CultureInfo.InvariantCulture);
        }

        var url = $"{fhirBase}/{resource.TypeName}/{resource.Id}/_history/{meta.VersionId}";
        reply.Headers[location ? "Location" : "Content-Location"] = url;
        return reply;
    }

    public static FhirReply Outcome(int status, OperationOutcome.IssueType code, string text) =>
        Resource(status, Issue(code, text));

    public static FhirReply Json(int status, object body) => new(status, JsonSerializer.Serialize(body), "application/json; charset=utf-8");

    public static OperationOutcome Issue(OperationOutcome.IssueType code, string text) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = code,
                Diagnostics = text,
                Details = new CodeableConcept { Text = text },
            },
        ],
    };
}
