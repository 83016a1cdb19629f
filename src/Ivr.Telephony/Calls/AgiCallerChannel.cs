using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Prompts;

namespace Ivr.Telephony.Calls;

/// <summary>The caller's line as the call flow sees it, over one FastAGI session; its prompts as <paramref name="prompts"/> finds them (the manifest's when not given).</summary>
public sealed class AgiCallerChannel(AgiChannel channel, RecordingOptions recordings, ConferenceOptions conference, PromptScope? prompts = null) : ICallerChannel
{
    private readonly PromptScope _prompts = prompts ?? PromptScope.Default;

    private const int SamplesPerSecond = 8000;

    public Task AnswerAsync(CancellationToken cancellationToken) => AgiPrompts.Guard(() => channel.AnswerAsync(cancellationToken));

    /// <summary>
    /// Rings the office with Dial before the service answers (the caller hears the office ringing);
    /// DIALSTATUS says what happened. Answered means the office took the call and it has ended.
    /// </summary>
    public async Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken)
    {
        string? status = null;
        await AgiPrompts.Guard(async () =>
        {
            try
            {
                await channel.ExecAsync("Dial", $"{office.DialString},{(int)office.RingTimeout.TotalSeconds}", cancellationToken);
            }
            catch (AgiHangupException)
            {
                // The caller hung up, perhaps at the end of a conversation with the office:
                // DIALSTATUS can still be read on the dead channel, and tells the two apart.
                if (await channel.GetVariableAsync("DIALSTATUS", CancellationToken.None) == "ANSWER")
                {
                    status = "ANSWER";
                    return;
                }

                throw;
            }

            status = await channel.GetVariableAsync("DIALSTATUS", cancellationToken);
        });
        return status switch
        {
            "ANSWER" => OfficeRingResult.Answered,
            "BUSY" => OfficeRingResult.Busy,
            "NOANSWER" => OfficeRingResult.NoAnswer,
            _ => OfficeRingResult.Unavailable,
        };
    }

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => AgiPrompts.PlayAsync(channel, _prompts, promptIds, cancellationToken);

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        AgiPrompts.AskKeyAsync(channel, _prompts, promptIds, keys, timeout, cancellationToken);

    public async Task<string> AskDigitsAsync(string promptId, int maxDigits, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var digits = string.Empty;
        await AgiPrompts.Guard(async () => digits = (await channel.GetDataAsync(_prompts.Sound(promptId), timeout, maxDigits, cancellationToken)).Digits);
        return digits;
    }

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.SayDigitsAsync(digits, string.Empty, cancellationToken));

    public async Task<RecordingResult> RecordAsync(string name, TimeSpan maxDuration, int silenceSeconds, CancellationToken cancellationToken)
    {
        var asteriskPath = $"{recordings.AsteriskDirectory.TrimEnd('/')}/{name}";
        AgiRecordResult? result = null;
        await AgiPrompts.Guard(async () => result = await channel.RecordFileAsync(asteriskPath, recordings.Format, "#", maxDuration, beep: true, silenceSeconds, cancellationToken));
        var hostPath = Path.Combine(recordings.HostDirectory, $"{name}.{recordings.Format}");
        var seconds = (result!.EndPosition ?? 0) / (double)SamplesPerSecond;
        return new RecordingResult(hostPath, TimeSpan.FromSeconds(seconds), result.EndedBy == AgiRecordEnd.Hangup);
    }

    /// <summary>A date of birth read back ("March fifth, nineteen ninety"): midnight of the date said in the zone UTC, so no zone can move it a day.</summary>
    public Task SayDateAsync(DateOnly date, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.SayDateTimeAsync(new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero), string.Empty, "BdY", "UTC", cancellationToken));

    /// <summary>
    /// "Tuesday, December eighth, at nine thirty a.m.": the wall-clock time said as if it were UTC, in the zone UTC, so the
    /// words are the practice's clock whatever zone data the Asterisk machine has.
    /// </summary>
    public async Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken)
    {
        char? key = null;
        var asIfUtc = new DateTimeOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeSpan.Zero);
        await AgiPrompts.Guard(async () => key = await channel.SayDateTimeAsync(asIfUtc, keys, "ABd 'digits/at' IMp", "UTC", cancellationToken));
        return key;
    }

    public Task SayNumberAsync(int number, CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.SayNumberAsync(number, string.Empty, cancellationToken));

    /// <summary>
    /// ConfBridge with a profile made on the channel from the caller's (music while alone, out when the last
    /// marked participant leaves) and the wait's limit as its <c>timeout</c>; CONFBRIDGE_RESULT says how it ended.
    /// </summary>
    public async Task<RoomExit> WaitInRoomAsync(string room, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        string? result = null;
        await AgiPrompts.Guard(async () =>
        {
            var seconds = timeout is { } limit ? Math.Max(1, (int)Math.Ceiling(limit.TotalSeconds)) : 0;
            await channel.SetVariableAsync("CONFBRIDGE(user,template)", conference.CallerProfile, cancellationToken);
            await channel.SetVariableAsync("CONFBRIDGE(user,timeout)", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            await channel.ExecAsync("ConfBridge", $"{room},{conference.BridgeProfile}", cancellationToken);
            result = await channel.GetVariableAsync("CONFBRIDGE_RESULT", cancellationToken);
            if (result is null or "HANGUP")
            {
                throw new AgiHangupException("EXEC ConfBridge", channel.HangupToken);
            }

            // A caller hanging up as ConfBridge starts can end it with FAILED rather than HANGUP: a hangup all the same.
            if (result is not ("TIMEOUT" or "KICKED" or "ENDMARKED") && await channel.WaitForHangupAsync(TimeSpan.FromMilliseconds(200)))
            {
                throw new AgiHangupException("EXEC ConfBridge", channel.HangupToken);
            }
        });
        return result switch
        {
            "TIMEOUT" => RoomExit.TimedOut,
            "KICKED" => RoomExit.Removed,
            "ENDMARKED" => RoomExit.Emptied,
            _ => throw new InvalidOperationException($"The caller could not wait in their room: ConfBridge ended with {result}."),
        };
    }

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) => AgiPrompts.Guard(async () =>
    {
        await channel.ExecAsync("ConfBridge", $"{room},{conference.BridgeProfile},{conference.CallerProfile}", cancellationToken);
        if (await channel.WaitForHangupAsync(TimeSpan.FromMilliseconds(200)))
        {
            throw new AgiHangupException("EXEC ConfBridge", channel.HangupToken);
        }
    });
}
