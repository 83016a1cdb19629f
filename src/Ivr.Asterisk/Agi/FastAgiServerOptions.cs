using System.Net;

namespace Ivr.Asterisk.Agi;

/// <summary>Settings of the FastAGI listener.</summary>
public sealed class FastAgiServerOptions
{
    /// <summary>Address to listen on. Default 127.0.0.1: Asterisk runs on the same host.</summary>
    public string Address { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>TCP port. Default 4573, the FastAGI port Asterisk assumes. 0 picks a free port.</summary>
    public int Port { get; set; } = 4573;

    /// <summary>Pending-connection backlog. Default 1024, so a burst of calls is not refused.</summary>
    public int Backlog { get; set; } = 1024;

    /// <summary>How long Asterisk has to send the whole <c>agi_*</c> environment. Default 5 s.</summary>
    public TimeSpan EnvironmentTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest environment block accepted. Default 64 KiB.</summary>
    public int MaxEnvironmentBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Longest a session may last before the server closes it. Asterisk waits for ever on a
    /// FastAGI server, so the server keeps its own deadline. Default 4 hours.
    /// </summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long <see cref="FastAgiServer.DisposeAsync"/> lets running sessions finish. Default 10 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The shared secret every session must carry as the <c>key</c> argument of its AGI URL
    /// (<see cref="AgiSecret"/>); a session without it is closed before any script runs. Default none.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Whether a session is admitted only with <see cref="Secret"/>. When true and no secret is set,
    /// every session is refused: a missing setting fails closed. Default false (protocol tests, tools).
    /// </summary>
    public bool RequireSecret { get; set; }

    /// <summary>Per-session limits.</summary>
    public AgiChannelOptions Channel { get; set; } = new();

    /// <summary>The clock of the server's own waits: the environment's timeout and the session's deadline. Default the system's; tests drive a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(Address, out _))
        {
            throw new ArgumentException($"FastAgi Address '{Address}' is not an IP address.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"FastAgi Port {Port} is out of range.");
        }

        if (EnvironmentTimeout <= TimeSpan.Zero || MaxSessionDuration <= TimeSpan.Zero || MaxEnvironmentBytes < 256)
        {
            throw new ArgumentException("FastAgi timeouts must be positive and MaxEnvironmentBytes at least 256.");
        }
    }
}
