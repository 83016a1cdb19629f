namespace Ivr.Asterisk.Ami;

/// <summary>Settings of the AMI connection.</summary>
public sealed class AmiClientOptions
{
    /// <summary>Asterisk's host. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMI port. Default 5038.</summary>
    public int Port { get; set; } = 5038;

    /// <summary>The manager.conf user. Default <c>ivr</c>.</summary>
    public string Username { get; set; } = "ivr";

    /// <summary>The user's secret. No default: it is generated at setup and never committed.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Event classes to receive (the Login <c>Events</c> header). Default <c>system,call,user,dialplan</c>: what the service uses.</summary>
    public string Events { get; set; } = "system,call,user,dialplan";

    /// <summary>
    /// Event names to keep, applied as a server-side Filter after each login so Asterisk does not send
    /// what nobody reads. Empty (the default) keeps every event of the chosen classes.
    /// </summary>
    public IList<string> EventFilter { get; set; } = [];

    /// <summary>How long to wait for a TCP connection and the banner. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default time an action waits for its response. Default 10 s.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between keep-alive Pings. Default 10 s.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A Ping without a Pong within this time counts the connection as dead. Default 5 s.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Round-trip times of the keep-alive Pings. Default: a new recorder.</summary>
    public LatencyRecorder PingLatency { get; set; } = new();

    /// <summary>First reconnect delay; doubles per failure. Default 250 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest reconnect delay (the cap of the back-off). Default 10 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default capacity of a subscriber's queue before its events are dropped (and counted). Default 10 000.</summary>
    public int SubscriberQueueCapacity { get; set; } = 10_000;

    /// <summary>The clock of the client's waits: action timeouts, Ping intervals and timeouts, reconnect back-off. Default the system's; tests drive a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Longest line accepted from Asterisk. Default 64 KiB.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || Port is <= 0 or > 65535)
        {
            throw new ArgumentException($"AMI Host/Port '{Host}:{Port}' is not valid.");
        }

        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Secret))
        {
            throw new ArgumentException("AMI Username and Secret are required (scripts/asterisk env prints them).");
        }

        if (ActionTimeout <= TimeSpan.Zero || PingInterval <= TimeSpan.Zero || PingTimeout <= TimeSpan.Zero
            || ReconnectInitialDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay || SubscriberQueueCapacity < 1)
        {
            throw new ArgumentException("AMI timeouts must be positive, ReconnectMaxDelay at least ReconnectInitialDelay and SubscriberQueueCapacity at least 1.");
        }
    }
}
