namespace Ivr.Telephony.Hosting;

/// <summary>How the service watches its Asterisk servers (<c>Asterisk:Health</c>).</summary>
public sealed class AsteriskHealthOptions
{
    /// <summary>
    /// How long the service may be without a server before the supervisor is emailed (a restart of Asterisk is back
    /// within seconds). Default 1 minute.
    /// </summary>
    public TimeSpan DownGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a server that is down is checked against <see cref="DownGrace"/>. Default 5 seconds.</summary>
    public TimeSpan Check { get; set; } = TimeSpan.FromSeconds(5);
}
