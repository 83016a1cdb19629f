using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Desk;

/// <summary>
/// An operator's answered phone (FastAGI script <c>operator</c>): if the offer still stands, a short tone and
/// into the caller's room as a marked participant until the operator releases the call or hangs up; otherwise
/// the leg hangs up. The desk page shows the card meanwhile.
/// </summary>
public sealed class OperatorLegHandler(DeskService desk, IOptions<ConferenceOptions> conference, ILogger<OperatorLegHandler> logger)
{
    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var callId = channel.Request.Query.GetValueOrDefault("call") ?? string.Empty;
        _ = int.TryParse(channel.Request.Query.GetValueOrDefault("offer"), NumberStyles.None, CultureInfo.InvariantCulture, out var offer);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId });
        // Only the channel the desk originated for this offer (its ChannelId names the call and the offer) may join.
        var call = channel.Request.UniqueId == OriginatedChannels.Desk(callId, offer) ? await desk.AnsweredAsync(callId, offer, channel.Request.Channel) : null;
        if (call is null)
        {
            logger.LogInformation("An operator answered an offer that no longer stands; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        var name = call.Operator!;
        try
        {
            await channel.StreamFileAsync("beep", string.Empty, cancellationToken);
            var options = conference.Value;
            await channel.ExecAsync("ConfBridge", $"{call.Caller.Room},{options.BridgeProfile},{options.OperatorProfile}", cancellationToken);
        }
        catch (Exception exception) when (exception is AgiHangupException or AgiConnectionClosedException)
        {
            // The operator hung up.
        }
        finally
        {
            await desk.OperatorLeftAsync(call, name);
        }

        if (!channel.IsHungUp)
        {
            await channel.HangupAsync(CancellationToken.None);
        }
    }
}
