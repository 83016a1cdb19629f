using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Ivr.Testing.Fhir;

/// <summary>
/// Firely's validator over the R4 core definitions the test package ships (specification.zip, read
/// offline), made once per test process: loading the definitions takes seconds.
/// </summary>
public static class FhirR4
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    // The validator's resolver caches as it goes; the double validates from Kestrel's threads and tests
    // run in parallel, so one validation at a time.
    private static readonly Lock Gate = new();

    /// <summary>The shared validator, for a test that validates on its own.</summary>
    public static Validator Validator => Shared.Value;

    /// <summary>What the validator says about <paramref name="resource"/> (its <c>Success</c> is false on any error).</summary>
    public static OperationOutcome Validate(Resource resource)
    {
        var validator = Shared.Value;
        lock (Gate)
        {
            return validator.Validate(resource);
        }
    }
}
