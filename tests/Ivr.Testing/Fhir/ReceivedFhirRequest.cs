using Hl7.Fhir.Model;

namespace Ivr.Testing.Fhir;

/// <summary>
/// One request the <see cref="FhirDouble"/> received, as it came (method, path and query, headers,
/// body), what it answered, and for a resource sent to it the parsed resource and the validator's outcome.
/// </summary>
/// <param name="At">When it arrived, on the double's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, e.g. <c>/fhir/Slot?status=free</c>.</param>
/// <param name="Headers">The request's headers (several values of one header joined with commas).</param>
/// <param name="Body">The body as text, empty when there was none.</param>
/// <param name="Status">The status code the double answered.</param>
/// <param name="Resource">The resource in the body, when it parsed as FHIR R4.</param>
/// <param name="Validation">The validator's outcome for that resource, or the parser's errors; null when nothing was validated.</param>
public sealed record ReceivedFhirRequest(
    DateTimeOffset At,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    Resource? Resource,
    OperationOutcome? Validation);
