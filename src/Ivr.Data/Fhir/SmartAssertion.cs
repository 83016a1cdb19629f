using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ivr.Data.Fhir;

/// <summary>
/// The signed JWT a SMART Backend Services client sends with its token request (<c>client_assertion</c>):
/// iss = sub = the client id, aud = the token endpoint, a unique jti, exp five minutes ahead at most, signed RS384
/// with an RSA key or ES384 with an EC P-384 key, the key's id in the header's <c>kid</c>.
/// </summary>
public static class SmartAssertion
{
    /// <summary>How long an assertion is good for: SMART allows five minutes at most.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(4);

    /// <summary>The assertion for <paramref name="clientId"/> at <paramref name="tokenUrl"/>, signed with <paramref name="key"/> (RSA or ECDsa P-384).</summary>
    public static string Create(string clientId, Uri tokenUrl, string keyId, AsymmetricAlgorithm key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        var algorithm = key switch
        {
            RSA => "RS384",
            ECDsa ec when ec.KeySize == 384 => "ES384",
            ECDsa ec => throw new CryptographicException($"an EC key for ES384 is on the P-384 curve, not a {ec.KeySize}-bit one"),
            _ => throw new CryptographicException("the key is neither RSA (RS384) nor EC P-384 (ES384)"),
        };
        var header = new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (keyId.Length > 0)
        {
            header["kid"] = keyId;
        }

        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = tokenUrl.AbsoluteUri,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var data = Encoding.ASCII.GetBytes(signingInput);

        // ECDsa.SignData gives r||s (IEEE P1363), the form JWS wants for ES384.
        var signature = key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA384),
            _ => throw new CryptographicException("unsupported key"),
        };
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Reads a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), as RSA or ECDsa.</summary>
    /// <exception cref="CryptographicException">The file holds no private key we can use.</exception>
    public static AsymmetricAlgorithm ReadKey(string pem)
    {
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
