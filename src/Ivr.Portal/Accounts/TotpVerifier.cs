using Ivr.Domain.Accounts;
using OtpNet;

namespace Ivr.Portal.Accounts;

/// <summary>
/// RFC 6238 codes (30-second steps, six digits, SHA-1: what every authenticator app does). A code of
/// the step before or after now is accepted (clock drift), and each step only once per user.
/// </summary>
public sealed class TotpVerifier(ISecondFactorStore store, TimeProvider time)
{
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>A new random secret (160 bits), base32 as authenticator apps take it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The time step <paramref name="code"/> belongs to under <paramref name="secret"/>, within the drift; null when it matches none.</summary>
    public long? MatchStep(string secret, string code)
    {
        var digits = new string(code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, digits, out var step, Drift) ? step : null;
    }

    /// <summary>True when the code is right for the user's enrolled secret and its step was not used before (it is used now).</summary>
    public async Task<bool> VerifyAsync(long userId, string code, CancellationToken cancellationToken = default)
    {
        if (await store.GetTotpSecretAsync(userId, cancellationToken) is not { } secret || MatchStep(secret, code) is not { } step)
        {
            return false;
        }

        return await store.TryUseTotpStepAsync(userId, step, cancellationToken);
    }

    /// <summary>The <c>otpauth://</c> address an authenticator app reads from the QR code.</summary>
    public static string EnrolmentUri(string issuer, string username, string secret) =>
        new OtpUri(OtpType.Totp, secret, username, issuer).ToString();
}
