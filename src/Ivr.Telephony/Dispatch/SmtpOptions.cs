using System.Net.Mail;

namespace Ivr.Server.Dispatch;

/// <summary>The mail server notices are handed to (section <c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host. Default <c>127.0.0.1</c> (a local relay).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The server's port. Default 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>The sender address. Default <c>answering-service@localhost</c>.</summary>
    public string From { get; set; } = "answering-service@localhost";

    /// <summary>Whether to use TLS (STARTTLS). Default false: the default relay is on loopback.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>The user to authenticate as. Default empty: no authentication.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The user's password. Default empty; set it from the environment, never in a committed file.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>How long one send may take, connection included. Default 15 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

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

        if (!MailAddress.TryCreate(From, out _))
        {
            throw new ArgumentException($"Notifications:Smtp:From '{From}' is not an email address.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Notifications:Smtp:Timeout must be positive.");
        }
    }
}
