using Ivr.Domain.Ehr;

namespace Ivr.Data.Fhir;

/// <summary>A call to the EHR that came to nothing, with what it means (try again, or refused) in words with no patient data.</summary>
internal sealed class FhirCallException(EhrOutcome outcome, string detail, System.Net.HttpStatusCode? status = null) : Exception(detail)
{
    /// <summary>The EHR's HTTP status, when it answered.</summary>
    public System.Net.HttpStatusCode? Status { get; } = status;

    public EhrOutcome Outcome { get; } = outcome;

    public string Detail { get; } = detail;
}
