using Ivr.Domain.Ehr;
using YamlDotNet.RepresentationModel;

namespace Ivr.Data.Practices;

public sealed partial class PracticeFileReader
{
    private const string EhrShape = "ehr is a mapping: { baseUrl: https://ehr.example/fhir/, clientId: ..., privateKeyFile: /etc/ivr/ehr.pem, keyId: ..., level: propose, schedules: [...], sendMessageText: false }";

    /// <summary>The practice's EHR link (<c>ehr:</c>, docs/ehr.md): https only (plain http only to this machine), and what its level needs.</summary>
    private EhrSettings ReadEhr(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail(node, EhrShape, EhrSettings.None);
        }

        Known(map, "baseUrl", "tokenUrl", "clientId", "privateKeyFile", "keyId", "level", "schedules", "sendMessageText");
        var level = EhrLevel.None;
        if (Text(map, "level") is { } levelText && !Enum.TryParse(levelText, ignoreCase: true, out level) | !Enum.IsDefined(level))
        {
            level = EhrLevel.None;
            Error(Child(map, "level")!, $"level '{levelText}' is not one of: none, inform, propose, book");
        }

        var baseUrl = EhrUrl(map, "baseUrl");
        var tokenUrl = EhrUrl(map, "tokenUrl");
        var clientId = Text(map, "clientId") ?? string.Empty;
        var keyFile = Text(map, "privateKeyFile") ?? string.Empty;
        var schedules = Items(map, "schedules").Select(n => Scalar(n) ?? string.Empty).Where(s => s.Length > 0).ToList();
        if (level != EhrLevel.None)
        {
            if (Child(map, "baseUrl") is null)
            {
                Error(map, $"ehr level {Name(level)} needs baseUrl, the EHR's FHIR R4 address");
            }

            if (clientId.Length == 0)
            {
                Error(Child(map, "clientId") ?? map, $"ehr level {Name(level)} needs clientId, the SMART Backend Services client id the EHR registered");
            }

            if (keyFile.Length == 0)
            {
                Error(Child(map, "privateKeyFile") ?? map, $"ehr level {Name(level)} needs privateKeyFile, the PEM file of the client's private key");
            }
        }

        if (level == EhrLevel.Book && schedules.Count == 0)
        {
            Error(Child(map, "schedules") ?? map, "ehr level book needs schedules, the Schedule ids whose free Slots may be offered");
        }

        return new EhrSettings
        {
            BaseUrl = baseUrl,
            TokenUrl = tokenUrl,
            ClientId = clientId,
            PrivateKeyFile = keyFile,
            KeyId = Text(map, "keyId") ?? string.Empty,
            Level = level,
            Schedules = schedules,
            SendMessageText = Flag(map, "sendMessageText", false),
        };
    }

    /// <summary>An EHR address: absolute, https, or plain http to this machine (a test EHR).</summary>
    private Uri? EhrUrl(YamlMappingNode map, string key)
    {
        if (Text(map, key) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            return Fail<Uri?>(Child(map, key)!, $"{key} is an https address like https://ehr.example/fhir/ (plain http only to localhost), not '{text}'", null);
        }

        return url;
    }

    private static string Name(EhrLevel level) => level.ToString().ToLowerInvariant();
}
