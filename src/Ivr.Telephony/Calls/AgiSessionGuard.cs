using Ivr.Asterisk.Agi;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Calls;

/// <summary>
/// Stands before every FastAGI script: a session whose uniqueid is not one Asterisk or this service
/// makes (<see cref="OriginatedChannels.IsWellFormed"/>) is hung up before the script sees it, so a
/// made-up id never reaches a recording's file name, a file search or a database lookup.
/// </summary>
public sealed class AgiSessionGuard(ILogger<AgiSessionGuard> logger)
{
    public AgiScriptHandler Guard(string script, AgiScriptHandler handler) => async (channel, cancellationToken) =>
    {
        if (!OriginatedChannels.IsWellFormed(channel.Request.UniqueId))
        {
            // The id itself is not logged: it is whatever the peer chose to send.
            logger.LogWarning("Refused a FastAGI session for script {Script}: its uniqueid ({Length} characters) is not one Asterisk or this service makes; hanging up", script, channel.Request.UniqueId.Length);
            await channel.HangupAsync(cancellationToken);
            return;
        }

        await handler(channel, cancellationToken);
    };
}
