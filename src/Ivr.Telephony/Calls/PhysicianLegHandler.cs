using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Calls;

/// <summary>
/// The clinician's side (FastAGI script <c>physician</c>): the whisper — practice, caller's number,
/// "press 1 to join the caller, 2 to decline" — then the conference on 1.
/// </summary>
public sealed class PhysicianLegHandler(PhysicianLegRegistry legs, IOptions<ConferenceOptions> conference, ILogger<PhysicianLegHandler> logger)
{
    private static readonly TimeSpan KeyTimeout = TimeSpan.FromSeconds(6);

    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        var room = channel.Request.Query.GetValueOrDefault("room") ?? string.Empty;
        _ = int.TryParse(channel.Request.Query.GetValueOrDefault("attempt"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt);
        var leg = legs.Find(room, attempt);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId, ["Room"] = room });
        if (leg is null)
        {
            logger.LogWarning("Clinician leg for an unknown or finished call; hanging up");
            await channel.HangupAsync(cancellationToken);
            return;
        }

        try
        {
            await channel.AnswerAsync(cancellationToken);
            await channel.StreamFileAsync($"ivr/{PromptIds.WhisperIntro}", string.Empty, cancellationToken);
            await channel.StreamFileAsync($"ivr/{leg.Request.Practice.NamePromptId}", string.Empty, cancellationToken);
            if (leg.Request.CallerNumber is { Length: > 0 } number && number.All(char.IsAsciiDigit))
            {
                await channel.StreamFileAsync($"ivr/{PromptIds.WhisperCallerNumber}", string.Empty, cancellationToken);
                await channel.SayDigitsAsync(number, string.Empty, cancellationToken);
            }

            for (var i = 0; i < 2; i++)
            {
                var played = await channel.StreamFileAsync($"ivr/{PromptIds.WhisperMenu}", "12", cancellationToken);
                var key = played.Digit ?? await channel.WaitForDigitAsync(KeyTimeout, cancellationToken);
                if (key == '1')
                {
                    leg.Decide("accepted");
                    await channel.StreamFileAsync($"ivr/{PromptIds.Connecting}", string.Empty, cancellationToken);
                    var options = conference.Value;
                    await channel.ExecAsync("ConfBridge", $"{room},{options.BridgeProfile},{options.PhysicianProfile}", cancellationToken);
                    return;
                }

                if (key == '2')
                {
                    leg.Decide("declined");
                    await channel.HangupAsync(cancellationToken);
                    return;
                }
            }

            // Nothing pressed: most likely a voicemail greeting answered. Move on.
            leg.Decide("no-response");
            await channel.HangupAsync(cancellationToken);
        }
        catch (AgiHangupException)
        {
            leg.Decide("hung-up");
        }
        finally
        {
            leg.Decide("hung-up");
        }
    }
}
