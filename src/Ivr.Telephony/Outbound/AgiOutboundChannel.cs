using System.Globalization;
using Ivr.Asterisk.Agi;
using Ivr.Domain.Flow;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Outbound;

/// <summary>The patient's line during a campaign call, over one FastAGI session.</summary>
public sealed class AgiOutboundChannel(AgiChannel channel, AgiCallerChannel caller, AgiClinicianChannel line, OutboundLineOptions options) : IOutboundChannel
{
    /// <summary>"Tuesday, December eighth, at nine thirty a.m." in Asterisk's say.conf words.</summary>
    private const string TimeFormat = "ABd 'digits/at' IMp";

    public Task AnswerAsync(CancellationToken cancellationToken) => line.AnswerAsync(cancellationToken);

    public Task PlayAsync(IReadOnlyList<string> promptIds, CancellationToken cancellationToken) => line.PlayAsync(promptIds, cancellationToken);

    public Task<char?> AskKeyAsync(IReadOnlyList<string> promptIds, string keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        line.AskKeyAsync(promptIds, keys, timeout, cancellationToken);

    public Task SayDigitsAsync(string digits, CancellationToken cancellationToken) => line.SayDigitsAsync(digits, cancellationToken);

    public Task JoinConferenceAsync(string room, CancellationToken cancellationToken) => line.JoinConferenceAsync(room, cancellationToken);

    public Task HangUpAsync(CancellationToken cancellationToken) => line.HangUpAsync(cancellationToken);

    public Task<OfficeRingResult> RingOfficeAsync(OfficeLine office, CancellationToken cancellationToken) => caller.RingOfficeAsync(office, cancellationToken);

    public async Task<AmdVerdict> DetectAsync(CancellationToken cancellationToken)
    {
        AmdVerdict? verdict = null;
        await AgiPrompts.Guard(async () =>
        {
            await channel.ExecAsync("AMD", options.AmdArguments, cancellationToken);
            verdict = new AmdVerdict(
                await channel.GetVariableAsync("AMDSTATUS", cancellationToken) ?? "NOTSURE",
                await channel.GetVariableAsync("AMDCAUSE", cancellationToken) ?? string.Empty);
        });
        return verdict!;
    }

    public Task WaitForSilenceAsync(CancellationToken cancellationToken) =>
        AgiPrompts.Guard(() => channel.ExecAsync(
            "WaitForSilence",
            string.Create(CultureInfo.InvariantCulture, $"{(int)options.GreetingEndSilence.TotalMilliseconds},1,{(int)options.GreetingWaitLimit.TotalSeconds}"),
            cancellationToken));

    /// <summary>
    /// The wall-clock time is said as if it were UTC, in the zone UTC: the words are the practice's clock whatever zone
    /// data the Asterisk machine has.
    /// </summary>
    public async Task<char?> SayTimeAsync(DateTime wallClock, string keys, CancellationToken cancellationToken)
    {
        char? key = null;
        var asIfUtc = new DateTimeOffset(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), TimeSpan.Zero);
        await AgiPrompts.Guard(async () => key = await channel.SayDateTimeAsync(asIfUtc, keys, TimeFormat, "UTC", cancellationToken));
        return key;
    }
}
