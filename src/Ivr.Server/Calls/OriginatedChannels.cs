using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Logging;

namespace Ivr.Server.Calls;

/// <summary>
/// What the service does with channels it originated by AMI (a clinician's leg, a page): read why an
/// originate did not answer, and hang one up by the ChannelId it was given.
/// </summary>
public static class OriginatedChannels
{
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
