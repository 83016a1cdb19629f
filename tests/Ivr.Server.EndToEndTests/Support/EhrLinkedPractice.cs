using System.Security.Cryptography;
using Ivr.Testing.Fhir;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>A test practice linked to the FHIR double: its client key written to a PEM file and registered with the double.</summary>
internal static class EhrLinkedPractice
{
    public const string ClientId = "ivr-riverside";

    /// <summary><paramref name="practice"/> with an EHR link at <paramref name="level"/> (and <paramref name="more"/> EHR settings, e.g. <c>schedules: [dr-chen]</c>).</summary>
    public static TestPractice Linked(TestPractice practice, FhirDouble ehr, RSA key, string level, string more = "", string menu = "menu: { message: 1, live-person: 2, appointment: 5 }")
    {
        var folder = Path.Combine(Path.GetTempPath(), "ivr-e2e-ehr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "ehr.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        ehr.RegisterClient(ClientId, key, "key-1");
        var extra = more.Length > 0 ? ", " + more : string.Empty;
        return practice with
        {
            MoreYaml = menu + "\n" + $"ehr: {{ baseUrl: \"{ehr.BaseUrl}\", clientId: {ClientId}, privateKeyFile: \"{keyFile}\", keyId: key-1, level: {level}{extra} }}",
        };
    }
}
