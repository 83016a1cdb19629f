namespace Ivr.Domain.Ehr;

/// <summary>
/// A practice's EHR link (practice file section <c>ehr:</c>): the FHIR R4 base address, the SMART Backend Services
/// client (its id and the private key that signs the token request's assertion) and what the service may do there.
/// The key itself never lives in the practice file: <see cref="PrivateKeyFile"/> names a PEM file beside the
/// service's other secrets.
/// </summary>
public sealed record EhrSettings
{
    public static EhrSettings None { get; } = new();

    /// <summary>The FHIR R4 base address (<c>https://ehr.example/fhir/</c>); null for no link.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The token endpoint; null to read it from the server's <c>.well-known/smart-configuration</c>.</summary>
    public Uri? TokenUrl { get; init; }

    /// <summary>The SMART Backend Services client id the EHR registered for this practice.</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>The PEM file of the client's private key (RSA for RS384, EC P-384 for ES384).</summary>
    public string PrivateKeyFile { get; init; } = string.Empty;

    /// <summary>The key's id (<c>kid</c>) as registered with the EHR; empty when the EHR needs none.</summary>
    public string KeyId { get; init; } = string.Empty;

    /// <summary>What the service may do there; <see cref="EhrLevel.None"/> when there is no link.</summary>
    public EhrLevel Level { get; init; } = EhrLevel.None;

    /// <summary>The <c>Schedule</c> ids whose free <c>Slot</c>s may be offered at <see cref="EhrLevel.Book"/>.</summary>
    public IReadOnlyList<string> Schedules { get; init; } = [];

    /// <summary>Whether messages and triage summaries may carry the patient's words (the practice's agreement allows it); otherwise only who, when and a pointer to the portal.</summary>
    public bool SendMessageText { get; init; }

    /// <summary>Whether this practice has a link at all.</summary>
    public bool Linked => BaseUrl is not null && Level != EhrLevel.None;
}
