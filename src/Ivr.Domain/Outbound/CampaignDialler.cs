using Ivr.Domain.Practices;

namespace Ivr.Domain.Outbound;

/// <summary>
/// Calls campaigns' patients as they fall due: finishes campaigns that are over, then, as far as the pacing allows
/// (<see cref="OutboundPacing"/>, each campaign's own <see cref="Campaign.MaxChannels"/>), leases each due patient,
/// asks the calling policy, and either holds them back (the rule kept on their record) or opens an attempt with the
/// decision on it and places the call. Everything it needs is in the database, so a restarted service goes on where
/// the old one stood, and an attempt left open by a killed one still counts against the day's calls.
/// </summary>
public sealed class CampaignDialler(
    ICampaignStore store,
    IPracticeStore practices,
    IOutboundCaller caller,
    ILineLoad load,
    ICampaignSpeech speech,
    CampaignCalls calls,
    OutboundOptions options,
    TimeProvider time)
{
    private int _inFlight;

    /// <summary>This process, as the owner of its leases.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/outbound/{Guid.NewGuid():N}";

    /// <summary>Campaign calls this process has in progress.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// One round. The calls started are in the result, to be awaited by the caller: each closes its attempt itself; one
    /// that faults could not close it (its lease runs out and the attempt is closed as interrupted).
    /// </summary>
    public async Task<DialRound> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var finished = await store.FinishOverAsync(now, cancellationToken).ConfigureAwait(false);
        var room = OutboundPacing.Room(options, load.InboundCalls, InFlight);
        var held = new List<CallingDecision>();
        var started = new List<Task>();
        if (room == 0)
        {
            return new DialRound(finished, held, started, OutboundPacing.Surge(options, load.InboundCalls));
        }

        var campaigns = new Dictionary<long, Campaign?>();
        var busy = new Dictionary<long, int>();
        var voices = new Dictionary<long, (Practices.Practice? Practice, string? Unspeakable)>();
        foreach (var patient in await store.DueAsync(now, room * 4, cancellationToken).ConfigureAwait(false))
        {
            if (started.Count >= room)
            {
                break;
            }

            if (!campaigns.TryGetValue(patient.CampaignId, out var campaign))
            {
                campaign = campaigns[patient.CampaignId] = await store.GetAsync(patient.CampaignId, cancellationToken).ConfigureAwait(false);
                busy[patient.CampaignId] = await store.InProgressAsync(patient.CampaignId, now, cancellationToken).ConfigureAwait(false);
            }

            if (campaign is not { State: CampaignState.Running } || busy[campaign.Id] >= campaign.MaxChannels)
            {
                continue;
            }

            if (!await store.ClaimAsync(patient.Id, Owner, now, now + options.Lease, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var decision = CallingPolicy.Decide(
                campaign.Rules,
                campaign.TimeZone,
                now,
                await store.CallTimesAsync(campaign.Id, patient.Patient.Phone, cancellationToken).ConfigureAwait(false),
                await store.OptedOutAtAsync(campaign.PracticeId, patient.Patient.Phone, cancellationToken).ConfigureAwait(false));
            if (decision.Verdict != CallingVerdict.CallNow)
            {
                await store.HoldAsync(patient.Id, Owner, decision.NotBefore, decision.Rule, decision.Why, cancellationToken).ConfigureAwait(false);
                held.Add(decision);
                continue;
            }

            // The words are made into audio before anyone is dialled (once; the files are kept): a person's "hello" comes
            // the moment they answer, and AMD must be listening then, not waiting for text-to-speech.
            if (!voices.TryGetValue(campaign.Id, out var voice))
            {
                var found = await practices.GetAsync(campaign.PracticeId, cancellationToken).ConfigureAwait(false);
                voice = voices[campaign.Id] = (found, await SpeakAsync(campaign, found, cancellationToken).ConfigureAwait(false));
            }

            var (practice, unspeakable) = voice;

            if (unspeakable is not null)
            {
                var later = new CallingDecision(CallingVerdict.Wait, now + SpeechRetry, "speech", $"the campaign's words could not be made into audio ({unspeakable}); tried again in {SpeechRetry.TotalMinutes:0} minutes");
                await store.HoldAsync(patient.Id, Owner, later.NotBefore, later.Rule, later.Why, cancellationToken).ConfigureAwait(false);
                held.Add(later);
                continue;
            }

            var attemptId = await store.StartAttemptAsync(patient.Id, now, decision, cancellationToken).ConfigureAwait(false);
            var call = new OutboundCall(attemptId, patient.Patient.Phone, practice?.Name ?? OutboundCallNames.UnknownPractice, practice?.Numbers.FirstOrDefault() ?? campaign.CallbackNumber);
            busy[campaign.Id]++;
            Interlocked.Increment(ref _inFlight);
            started.Add(Task.Run(() => CallAsync(call), CancellationToken.None));
        }

        return new DialRound(finished, held, started, false);
    }

    /// <summary>How long patients wait when the campaign's words cannot be spoken.</summary>
    public static readonly TimeSpan SpeechRetry = TimeSpan.FromMinutes(5);

    /// <summary>Makes the campaign's words audio; null when done, else what went wrong (without the words).</summary>
    private async Task<string?> SpeakAsync(Campaign campaign, Practices.Practice? practice, CancellationToken cancellationToken)
    {
        try
        {
            await speech.RenderAsync(campaign, practice?.Name ?? OutboundCallNames.UnknownPractice, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Practices.GreetingRenderException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>Places the call; when nobody answered, or the script ended without a result, closes the attempt with what is known.</summary>
    private async Task CallAsync(OutboundCall call)
    {
        try
        {
            DialResult dialled;
            try
            {
                dialled = await caller.CallAsync(call, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                dialled = DialResult.NotAnswered(AttemptResult.Failed, "the call could not be placed: " + exception.GetType().Name);
            }

            // An answered call's script closed the attempt already; this only closes one it left open (the line broke off).
            await calls.FinishAsync(
                call.AttemptId,
                dialled.Unanswered ?? AttemptResult.HeardNotConfirmed,
                dialled.Answered ? "answered; the call ended before the script's result: " + dialled.Detail : dialled.Detail).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
