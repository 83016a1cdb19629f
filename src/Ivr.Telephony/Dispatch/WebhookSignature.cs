using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// How webhooks are signed, in the manner of Stripe's: each post carries
/// <c>X-Ivr-Timestamp: {unix seconds}</c> and
/// <c>X-Ivr-Signature: sha256={lowercase hex HMAC-SHA256(secret, timestamp + "." + body)}</c>,
/// the secret taken as UTF-8 and the body as the exact bytes posted. A receiver recomputes the
/// signature over the raw body, compares in fixed time, and rejects a timestamp more than five
/// minutes from its own clock, so a captured post cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the unix time (seconds) the post was signed at.</summary>
    public const string TimestampHeader = "X-Ivr-Timestamp";

    /// <summary>The header carrying <c>sha256={hex}</c>.</summary>
    public const string SignatureHeader = "X-Ivr-Signature";

    /// <summary>How old (or how far ahead) a timestamp receivers should accept: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string Prefix = "sha256=";

    /// <summary>The <see cref="SignatureHeader"/> value for a body signed at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        return Prefix + Convert.ToHexStringLower(Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>
    /// Whether the headers prove the body came from a holder of <paramref name="secret"/> within
    /// <paramref name="tolerance"/> of <paramref name="now"/>. False for anything missing or malformed.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (timestampHeader is null || signatureHeader is null
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(age) > tolerance.TotalSeconds)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestampHeader, body));
    }

    private static byte[] Mac(string secret, string timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
}
