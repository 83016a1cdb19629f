using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Telephony.Prompts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Calls;

/// <summary>
/// The clinician's side (FastAGI script <c>physician</c>): finds the leg the dialer rang and runs the
/// whisper (<see cref="WhisperFlow"/>) on the clinician's line.
/// </summary>
public sealed class PhysicianLegHandler(
    PhysicianLegRegistry legs,
    IOptions<ConferenceOptions> conference,
    IOptions<CallFlowOptions> options,
    PromptSounds sounds,
    ILogger<PhysicianLegHandler> logger)
{
    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var room = channel.Request.Query.GetValueOrDefault("room") ?? string.Empty;
        _ = int.TryParse(channel.Request.Query.GetValueOrDefault("attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt);
        // Only the channel the dialer originated for this leg (its ChannelId is the leg's id) hears who calls.
        var leg = channel.Request.UniqueId == OriginatedChannels.Leg(room, attempt) ? legs.Find(room, attempt) : null;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId, ["Room"] = room });
        if (leg is null)
        {
            logger.LogWarning("Clinician leg for an unknown or finished call, or a channel the service did not originate for it; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        await new WhisperFlow(new AgiClinicianChannel(channel, conference.Value, sounds.For(leg.Request.Practice)), new WhisperSession(leg), options.Value).RunAsync(cancellationToken);
    }
}
