using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Checks the mail server's certificate: valid for the host as usual, or exactly the one pinned by
/// its SHA-256 fingerprint (<see cref="SmtpOptions.PinnedCertificateSha256"/>). Nothing else passes.
/// </summary>
public static class SmtpCertificatePin
{
    public static RemoteCertificateValidationCallback Validator(string pinnedSha256)
    {
        var pin = Normalize(pinnedSha256);
        return (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (pin.Length > 0 && certificate is not null && Fingerprint(certificate) == pin);
    }

    /// <summary>Lowercase hex without separators.</summary>
    public static string Normalize(string fingerprint) =>
        new string(fingerprint.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToLowerInvariant();

    public static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
}
