using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ivr.Testing.Fhir;

/// <summary>
/// A SMART Backend Services client assertion made in a test, good or deliberately wrong: a JWT signed
/// RS384 with an RSA key or ES384 with an ECDSA P-384 key.
/// </summary>
public static class SmartAssertion
{
    /// <summary>An assertion from <paramref name="clientId"/> for <paramref name="audience"/> (the token URL) that expires at <paramref name="expires"/>.</summary>
    public static string Sign(
        AsymmetricAlgorithm key,
        string clientId,
        string audience,
        DateTimeOffset expires,
        string? jti = null,
        string? keyId = null,
        string? subject = null)
    {
        var alg = key switch
        {
            RSA => "RS384",
            ECDsa => "ES384",
            _ => throw new ArgumentException("An RSA or ECDSA key signs a SMART assertion.", nameof(key)),
        };
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = subject ?? clientId,
            ["aud"] = audience,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
        };
        var signed = Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var data = Encoding.ASCII.GetBytes(signed);
        var signature = key switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA384),
            _ => throw new ArgumentException("An RSA or ECDSA key signs a SMART assertion.", nameof(key)),
        };
        return signed + "." + Encode(signature);
    }

    /// <summary>The body of a token request (<c>application/x-www-form-urlencoded</c>) carrying <paramref name="assertion"/>.</summary>
    public static FormUrlEncodedContent TokenRequest(string assertion, string scope = "system/*.read system/Appointment.write") => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = assertion,
        ["scope"] = scope,
    });

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
