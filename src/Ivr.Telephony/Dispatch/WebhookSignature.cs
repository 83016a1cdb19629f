using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// How webhooks are signed, in the manner of Stripe's: each post carries
/// <c>X-Ivr-Timestamp: {unix seconds}</c> and
/// <c>X-Ivr-Signature: sha256={lowercase hex HMAC-SHA256(secret, timestamp + "." + body)}</c>,
/// the secret taken as UTF-8 and the body as the exact bytes posted. While a practice's secret is
/// being rotated the header carries one value per signing secret, separated by commas
/// (<c>sha256=…,sha256=…</c>), and a receiver holding either secret accepts the post. A receiver
/// recomputes the signature over the raw body, compares in fixed time, rejects a timestamp more than
/// five minutes from its own clock, and remembers the body's <c>deliveryId</c> for that long, so a
/// captured post cannot be replayed.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the unix time (seconds) the post was signed at.</summary>
    public const string TimestampHeader = "X-Ivr-Timestamp";

    /// <summary>The header carrying <c>sha256={hex}</c>, one value per signing secret, comma separated.</summary>
    public const string SignatureHeader = "X-Ivr-Signature";

    /// <summary>The header repeating the body's <c>deliveryId</c>, for receivers' logs.</summary>
    public const string DeliveryHeader = "X-Ivr-Delivery";

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

    /// <summary>The <see cref="SignatureHeader"/> value signed by every secret of <paramref name="secrets"/>, in order, comma separated.</summary>
    public static string Sign(IReadOnlyList<string> secrets, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentOutOfRangeException.ThrowIfZero(secrets.Count);
        return string.Join(',', secrets.Select(secret => Sign(secret, timestamp, body)));
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
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(age) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Mac(secret, timestampHeader, body);
        var matched = false;
        foreach (var value in signatureHeader.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromHexString(value.AsSpan(Prefix.Length));
            }
            catch (FormatException)
            {
                continue;
            }

            // Every value is compared, so the time taken does not say which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(given, expected);
        }

        return matched;
    }

    private static byte[] Mac(string secret, string timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
}
