using MailKit.Security;

namespace Ivr.Telephony.Dispatch;

/// <summary>The mail server notices are handed to (section <c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c> (a local relay).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The server's port. Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender address. Default <c>answering-service@localhost</c>.</summary>
    public string From { get; set; } = "answering-service@localhost";

    /// <summary>
    /// Whether to use TLS: STARTTLS after connecting, required. Default false: the default relay is on
    /// loopback. <see cref="Security"/>, when set, says more precisely and wins.
    /// </summary>
    public bool EnableSsl { get; set; }

    /// <summary>
    /// How the connection is secured: <c>None</c>, <c>StartTls</c> (required), <c>StartTlsWhenAvailable</c>,
    /// <c>SslOnConnect</c> (implicit TLS, usually port 465) or <c>Auto</c> (by port). Default unset:
    /// <c>StartTls</c> when <see cref="EnableSsl"/> is true, else <c>None</c>.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    /// <summary>The user to authenticate as. Default empty: no authentication. Never sent over a connection that is not encrypted.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The user's password. Default empty; set it from the environment, never in a committed file.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>
    /// The SHA-256 fingerprint (hex, colons allowed) of a server certificate to trust although no trusted
    /// authority signed it, e.g. a relay's self-signed one. Default empty: the certificate must be valid for <see cref="Host"/>.
    /// </summary>
    public string PinnedCertificateSha256 { get; set; } = string.Empty;

    /// <summary>How long one send may take, connection included. Default 15 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The security in force: <see cref="Security"/>, else what <see cref="EnableSsl"/> says.</summary>
    public SecureSocketOptions EffectiveSecurity => Security ?? (EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None);

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Notifications:Smtp:Host is required.");
        }

        if (Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"Notifications:Smtp:Port {Port} is not a port.");
        }

        if (!SmtpAddress.TryParse(From, out _))
        {
            throw new ArgumentException($"Notifications:Smtp:From '{From}' is not an email address.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Notifications:Smtp:Timeout must be positive.");
        }

        if (PinnedCertificateSha256.Length > 0 && SmtpCertificatePin.Normalize(PinnedCertificateSha256).Length != 64)
        {
            throw new ArgumentException("Notifications:Smtp:PinnedCertificateSha256 must be a SHA-256 fingerprint (64 hex digits).");
        }
    }
}
