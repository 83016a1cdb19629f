using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Calls;

/// <summary>
/// What the service does with channels it originated by AMI (a clinician's leg, a page): read why an
/// originate did not answer, and hang one up by the ChannelId it was given.
/// </summary>
public static partial class OriginatedChannels
{
    /// <summary>What begins the ChannelId of a page.</summary>
    public const string PagePrefix = "page-";

    /// <summary>The ChannelId of attempt <paramref name="attempt"/> to reach a clinician for the call meeting in <paramref name="room"/>.</summary>
    public static string Leg(string room, int attempt) => $"{room}-leg{attempt}";

    /// <summary>What begins the ChannelId of an operator's leg.</summary>
    public const string DeskPrefix = "desk-";

    /// <summary>The ChannelId of offer <paramref name="offer"/> of the caller <paramref name="callId"/> (a uniqueid) to an operator's phone.</summary>
    public static string Desk(string callId, int offer) => $"{DeskPrefix}{callId}-op{offer}";

    /// <summary>The ChannelId of the voice page of dispatch attempt <paramref name="attemptId"/>.</summary>
    public static string Page(long attemptId) => PagePrefix + attemptId.ToString(CultureInfo.InvariantCulture);

    /// <summary>What begins the ChannelId of a campaign call.</summary>
    public const string OutboundPrefix = "outbound-";

    /// <summary>The ChannelId of the call of campaign attempt <paramref name="attemptId"/>.</summary>
    public static string Outbound(long attemptId) => OutboundPrefix + attemptId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The room and attempt of a clinician's leg, read back from its uniqueid (<see cref="Leg"/>).</summary>
    public static bool TryParseLeg(string uniqueId, out string room, out int attempt)
    {
        var leg = LegId().Match(uniqueId);
        room = leg.Success ? leg.Groups["room"].Value : string.Empty;
        attempt = leg.Success ? int.Parse(leg.Groups["attempt"].Value, CultureInfo.InvariantCulture) : 0;
        return leg.Success;
    }

    [GeneratedRegex(@"^(?<room>.+)-leg(?<attempt>[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LegId();

    /// <summary>
    /// Whether <paramref name="uniqueId"/> has a shape a FastAGI session may carry: Asterisk's own
    /// (<c>EPOCH.SEQUENCE</c>, after the server's system name where asterisk.conf sets one, as each server of a
    /// cluster does: <c>ivr-a1-EPOCH.SEQUENCE</c>), a clinician's leg (<see cref="Leg"/> of a call's room) or a page
    /// (<see cref="Page"/>) or a campaign call (<see cref="Outbound"/>) or an operator's leg (<see cref="Desk"/>). Anything else never reaches a file name, a search pattern or a log.
    /// </summary>
    public static bool IsWellFormed(string uniqueId) => WellFormedId().IsMatch(uniqueId);

    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31}-)?[0-9]{1,12}\.[0-9]{1,9}|ivr-(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31}-)?[0-9]{1,12}\.[0-9]{1,9}-leg[0-9]{1,3}|page-[0-9]{1,19}|outbound-[0-9]{1,19}|desk-(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31}-)?[0-9]{1,12}\.[0-9]{1,9}-op[0-9]{1,4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormedId();

    /// <summary>
    /// Whether <paramref name="uniqueId"/> is one Asterisk made (<c>EPOCH.SEQUENCE</c>, after the server's system name
    /// if it has one: <c>ivr-a1-EPOCH.SEQUENCE</c>), not one the service gave a channel it originated.
    /// </summary>
    public static bool IsAsterisks(string uniqueId) => AsteriskId().IsMatch(uniqueId);

    [GeneratedRegex(@"^(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31}-)?[0-9]{1,12}\.[0-9]{1,9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AsteriskId();

    /// <summary>busy, no-answer or failed, from the OriginateResponse's Asterisk reason code.</summary>
    public static string Unanswered(AmiOriginateResult result) => result.Reason switch
    {
        5 => "busy",
        3 or 1 => "no-answer",
        _ => "failed",
    };

    /// <summary>Hangs up every channel whose uniqueid (or linked id) is <paramref name="channelId"/>; a failure is logged, not thrown.</summary>
    public static async Task HangUpAsync(AmiClient client, string channelId, ILogger logger)
    {
        try
        {
            var channels = await client.SendListActionAsync(new AmiAction("CoreShowChannels"));
            foreach (var channel in channels.Events.Where(e => e["Uniqueid"] == channelId || e["Linkedid"] == channelId))
            {
                await client.SendActionAsync(new AmiAction("Hangup").Add("Channel", channel["Channel"]!));
            }
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Could not hang up {ChannelId}: {Reason}", channelId, exception.Message);
        }
    }
}
