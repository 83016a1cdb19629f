namespace Ivr.Telephony.Trunk;

/// <summary>
/// The carrier trunk (section <c>Trunk</c>): phone numbers leave through it in E.164, showing the practice's number on a
/// patient's callback and the service's on pages. With no <see cref="Endpoint"/> (the default) there is no trunk:
/// phone numbers go through <c>Practices:PhoneDialTemplate</c> as before and caller ids stay as they were.
/// </summary>
public sealed class TrunkOptions
{
    /// <summary>The PJSIP endpoint of the carrier (and the name of its outbound registration), e.g. <c>trunk</c>. Default empty: no trunk.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>The answering service's own number, shown on pages and clinicians' calls (any form libphonenumber reads). Default empty: none shown.</summary>
    public string ServiceNumber { get; set; } = string.Empty;

    /// <summary>The region a number without its country code belongs to (ISO 3166 two letters). Default <c>US</c>.</summary>
    public string Region { get; set; } = "US";

    /// <summary>How often the registration is asked for besides Asterisk's own events (which a reconnect may miss). Default 15 seconds.</summary>
    public TimeSpan RegistrationCheck { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the trunk may stay unregistered before the supervisor is emailed (a restart of Asterisk registers again
    /// within seconds). Default 30 seconds.
    /// </summary>
    public TimeSpan DownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a trunk is configured.</summary>
    public bool Configured => Endpoint.Length > 0;
}
