using Ivr.Asterisk.Ami;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// Reads a registration's state from the events of AMI <c>PJSIPShowRegistrationsOutbound</c> (one
/// <c>OutboundRegistrationDetail</c> per registration). Those events carry the auth's password too: only the
/// status is taken from them, and they are never logged.
/// </summary>
public static class TrunkRegistrationList
{
    /// <summary>The AMI action that lists the outbound registrations.</summary>
    public const string Action = "PJSIPShowRegistrationsOutbound";

    /// <summary>The state of the registration named <paramref name="name"/> in <paramref name="events"/>.</summary>
    public static TrunkRegistrationState Read(IEnumerable<AmiMessage> events, string name)
    {
        var detail = events.FirstOrDefault(e => e.IsEvent("OutboundRegistrationDetail") && string.Equals(e["ObjectName"], name, StringComparison.Ordinal));
        return detail is null ? TrunkRegistrationState.Missing : Parse(detail["Status"]);
    }

    /// <summary>Asterisk's status word (<c>Registered</c>, <c>Unregistered</c>, <c>Rejected</c>, <c>Stopping</c>, <c>Stopped</c>).</summary>
    public static TrunkRegistrationState Parse(string? status) => status switch
    {
        "Registered" => TrunkRegistrationState.Registered,
        "Unregistered" => TrunkRegistrationState.Unregistered,
        "Rejected" => TrunkRegistrationState.Rejected,
        "Stopping" or "Stopped" => TrunkRegistrationState.Stopped,
        _ => TrunkRegistrationState.Unknown,
    };

    /// <summary>True for a PJSIP <c>Registry</c> event: some registration changed, so the list is worth asking again.</summary>
    public static bool IsRegistryChange(AmiMessage message) =>
        message.IsEvent("Registry") && string.Equals(message["ChannelType"], "PJSIP", StringComparison.OrdinalIgnoreCase);
}
