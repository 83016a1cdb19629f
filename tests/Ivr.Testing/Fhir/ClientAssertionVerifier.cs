using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ivr.Testing.Fhir;

/// <summary>
/// Checks a SMART Backend Services client assertion (a JWT, RFC 7523) the way an EHR's token endpoint
/// does: signed RS384 or ES384 with a key registered for the client, <c>iss</c> = <c>sub</c> = the
/// client id, <c>aud</c> the token URL, <c>exp</c> in the future and at most five minutes away, and a
/// <c>jti</c> never seen before.
/// </summary>
internal sealed class ClientAssertionVerifier(TimeProvider time)
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ClientKey>> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<(string Client, string Jti)> _seen = [];

    public void Register(string clientId, AsymmetricAlgorithm publicKey, string? keyId = null)
    {
        // A copy of the public half: the test keeps (and may dispose) its own key.
        AsymmetricAlgorithm key = publicKey switch
        {
            RSA rsa => RSA.Create(rsa.ExportParameters(includePrivateParameters: false)),
            ECDsa ec => ECDsa.Create(ec.ExportParameters(includePrivateParameters: false)),
            _ => throw new ArgumentException("Only RSA and ECDSA keys sign SMART assertions.", nameof(publicKey)),
        };
        Add(clientId, new ClientKey(keyId, key));
    }

    /// <summary>Registers a JWK (<c>{"kty":...}</c>) or a JWK set (<c>{"keys":[...]}</c>).</summary>
    public void RegisterJwk(string clientId, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("keys", out var keys))
        {
            foreach (var jwk in keys.EnumerateArray())
            {
                Add(clientId, FromJwk(jwk));
            }
        }
        else
        {
            Add(clientId, FromJwk(root));
        }
    }

    /// <summary>Null when <paramref name="assertion"/> is good for one of <paramref name="tokenUrls"/> (and its jti is now spent); otherwise why not.</summary>
    public string? Check(string assertion, IReadOnlyCollection<string> tokenUrls, string? clientIdParameter, out string clientId)
    {
        clientId = "";
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "the client assertion is not a signed JWT";
        }

        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
            signature = Base64Url(parts[2]);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return "the client assertion is not a readable JWT";
        }

        var alg = Text(header, "alg");
        if (alg is not ("RS384" or "ES384"))
        {
            return $"alg {alg ?? "(none)"} is not RS384 or ES384";
        }

        var iss = Text(claims, "iss");
        if (iss is null)
        {
            return "the assertion has no iss";
        }

        if (clientIdParameter is not null && clientIdParameter != iss)
        {
            return "client_id differs from the assertion's iss";
        }

        List<ClientKey> keys;
        lock (_gate)
        {
            if (!_keys.TryGetValue(iss, out var registered))
            {
                return "unknown client";
            }

            keys = [.. registered];
        }

        var kid = Text(header, "kid");
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var candidates = keys.Where(k => kid is null || k.Id is null || k.Id == kid);
        if (!candidates.Any(k => Verifies(k.Key, alg, signed, signature)))
        {
            return "the signature does not verify with the client's registered key";
        }

        if (Text(claims, "sub") != iss)
        {
            return "sub is not the client id";
        }

        if (!Audiences(claims).Any(tokenUrls.Contains))
        {
            return "aud is not this token URL";
        }

        var now = time.GetUtcNow();
        if (!claims.TryGetProperty("exp", out var expClaim) || expClaim.ValueKind != JsonValueKind.Number)
        {
            return "the assertion has no exp";
        }

        var exp = DateTimeOffset.FromUnixTimeSeconds(expClaim.GetInt64());
        if (exp <= now)
        {
            return "the assertion has expired";
        }

        if (exp - now > MaxLifetime)
        {
            return "exp is more than five minutes away";
        }

        if (claims.TryGetProperty("nbf", out var nbf) && nbf.ValueKind == JsonValueKind.Number && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) > now)
        {
            return "the assertion is not valid yet (nbf)";
        }

        var jti = Text(claims, "jti");
        if (string.IsNullOrEmpty(jti))
        {
            return "the assertion has no jti";
        }

        lock (_gate)
        {
            if (!_seen.Add((iss, jti)))
            {
                return "jti was used before";
            }
        }

        clientId = iss;
        return null;
    }

    private static bool Verifies(AsymmetricAlgorithm key, string alg, byte[] signed, byte[] signature) => (alg, key) switch
    {
        ("RS384", RSA rsa) => rsa.VerifyData(signed, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        // JWS carries ECDSA signatures as r || s, the layout VerifyData reads by default.
        ("ES384", ECDsa ec) => ec.KeySize == 384 && ec.VerifyData(signed, signature, HashAlgorithmName.SHA384),
        _ => false,
    };

    private static IEnumerable<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
            _ => [],
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ClientKey FromJwk(JsonElement jwk)
    {
        var kid = Text(jwk, "kid");
        switch (Text(jwk, "kty"))
        {
            case "RSA":
                return new ClientKey(kid, RSA.Create(new RSAParameters { Modulus = Base64Url(Text(jwk, "n")!), Exponent = Base64Url(Text(jwk, "e")!) }));
            case "EC" when Text(jwk, "crv") == "P-384":
                return new ClientKey(kid, ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP384,
                    Q = new ECPoint { X = Base64Url(Text(jwk, "x")!), Y = Base64Url(Text(jwk, "y")!) },
                }));
            default:
                throw new ArgumentException("A SMART client key is an RSA key or an EC key on P-384.", nameof(jwk));
        }
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Not base64url.") };
        return Convert.FromBase64String(padded);
    }

    private void Add(string clientId, ClientKey key)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(clientId, out var list))
            {
                _keys[clientId] = list = [];
            }

            list.Add(key);
        }
    }

    private sealed record ClientKey(string? Id, AsymmetricAlgorithm Key);
}
