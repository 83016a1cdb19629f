using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;

namespace Ivr.Telephony.Calls;

/// <summary>The clinician's line as the whisper and the voice page see it, over one FastAGI session.</summary>
public sealed class AgiClinicianChannel(AgiChannel channel, ConferenceOptions conference) : IClinicianChannel
{
    public Task AnswerAsync(CancellationToken cancellationToken) => Guard(() => channel.AnswerAsync(cancellationToken));

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => Guard(async () =>
    {
        foreach (var prompt in promptIds)
        {
            await channel.StreamFileAsync(AgiPrompts.Sound(prompt), string.Empty, cancellationToken);
        }
    });

    public async Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        char? key = null;
        await Guard(async () =>
        {
            foreach (var prompt in promptIds)
            {
                if ((await channel.StreamFileAsync(AgiPrompts.Sound(prompt), keys, cancellationToken)).Digit is { } pressed)
                {
                    key = pressed;
                    return;
                }
            }

            key = await channel.WaitForDigitAsync(timeout, cancellationToken);
        });
        return key;
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) =>
        Guard(() => channel.SayDigitsAsync(digits, string.Empty, cancellationToken));

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) =>
        Guard(() => channel.ExecAsync("ConfBridge", $"{room},{conference.BridgeProfile},{conference.PhysicianProfile}", cancellationToken));

    public Task HangUpAsync(CancellationToken cancellationToken) => Guard(() => channel.HangupAsync(cancellationToken));

    /// <summary>Plays a sound that is not a prompt (a recording), uninterruptible.</summary>
    public Task PlaySoundAsync(string asteriskName, CancellationToken cancellationToken) =>
        Guard(() => channel.StreamFileAsync(asteriskName, string.Empty, cancellationToken));

    /// <summary>Turns the protocol's hangup into the domain's.</summary>
    private static async Task Guard(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (AgiHangupException exception)
        {
            throw new CallerHungUpException(exception);
        }
        catch (AgiConnectionClosedException exception)
        {
            throw new CallerHungUpException(exception);
        }
    }
}
