using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace Ivr.Testing.Fhir;

// SMART Backend Services: the discovery document, the capability statement, and the token endpoint.
public sealed partial class FhirDouble
{
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static FhirReply SmartConfiguration(Exchange exchange) => FhirReply.Json(200, new Dictionary<string, object>
    {
        ["token_endpoint"] = exchange.Root + TokenPath,
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
        ["grant_types_supported"] = new[] { "client_credentials" },
        ["scopes_supported"] = new[] { "system/*.read", "system/*.write", "system/*.rs", "system/*.cud" },
        ["capabilities"] = new[] { "client-confidential-asymmetric" },
    });

    private FhirReply Token(Exchange exchange)
    {
        if (exchange.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TokenError("invalid_request", "the token request is a form (application/x-www-form-urlencoded)");
        }

        var form = QueryHelpers.ParseQuery(exchange.Body);
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count == 1 ? value[0] : null;
        if (Field("grant_type") != "client_credentials")
        {
            return TokenError("unsupported_grant_type", "grant_type must be client_credentials");
        }

        if (Field("client_assertion_type") != JwtBearer || Field("client_assertion") is not { } assertion)
        {
            return TokenError("invalid_client", $"client_assertion_type must be {JwtBearer}, with a client_assertion");
        }

        // aud is the token URL: as this double names it, or as the client addressed it (localhost, say).
        string[] tokenUrls = [TokenUrl, exchange.Root + TokenPath];
        if (_assertions.Check(assertion, tokenUrls, Field("client_id"), out var clientId) is { } why)
        {
            return TokenError("invalid_client", why);
        }

        var token = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        lock (_sync)
        {
            _tokens[token] = (clientId, _options.Time.GetUtcNow() + _options.TokenLifetime);
        }

        return FhirReply.Json(200, new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)_options.TokenLifetime.TotalSeconds,
            ["scope"] = Field("scope") ?? "system/*.read system/*.write",
        });
    }

    // RFC 6749 §5.2: the token endpoint answers errors in OAuth's JSON, not as an OperationOutcome.
    private static FhirReply TokenError(string error, string description) =>
        FhirReply.Json(400, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });

    private CapabilityStatement Capabilities(string fhirBase)
    {
        static CapabilityStatement.ResourceInteractionComponent Does(CapabilityStatement.TypeRestfulInteraction code) => new() { Code = code };

        // The token URL is discovered through .well-known/smart-configuration; SMART's oauth-uris
        // extension here would also need an authorize URL, which a backend-services server has no use for.
        var security = new CapabilityStatement.SecurityComponent
        {
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
        };

        return new CapabilityStatement
        {
            Name = "FhirTestDouble",
            Status = PublicationStatus.Active,
            Date = "2026-12-01",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "FHIR test double" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "The answering service's tests' stand-in EHR", Url = fhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = security,
                    Resource =
                    [
                        Supports("Schedule", Does(CapabilityStatement.TypeRestfulInteraction.Read)),
                        Supports("Slot", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.SearchType), Does(CapabilityStatement.TypeRestfulInteraction.Update)),
                        Supports("Patient", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.SearchType)),
                        Supports("Appointment", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.Create), Does(CapabilityStatement.TypeRestfulInteraction.Update)),
                        Supports("Communication", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.Create)),
                        Supports("Task", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.Create)),
                        Supports("QuestionnaireResponse", Does(CapabilityStatement.TypeRestfulInteraction.Read), Does(CapabilityStatement.TypeRestfulInteraction.Create)),
                    ],
                },
            ],
        };
    }

    private static CapabilityStatement.ResourceComponent Supports(string type, params CapabilityStatement.ResourceInteractionComponent[] interactions) => new()
    {
        Type = type,
        Interaction = [.. interactions],
        Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
        ConditionalCreate = interactions.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create),
    };
}
