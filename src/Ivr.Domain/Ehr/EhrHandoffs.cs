using System.Globalization;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Ehr;

/// <summary>
/// Sends every message of a linked practice to its EHR (<see cref="IEhrLink.HandOffAsync"/>), durably: a due row is
/// leased, handed off, and its result kept on the message's record with a history line. An EHR that is down, slow or
/// asks again later is tried again with backoff (<see cref="Backoff(int, TimeSpan)"/>) for as long as it takes: the request is never
/// lost; one that refuses for good is shown to the practice; once delivered a message is never sent again.
/// </summary>
public sealed class EhrHandoffs(IEhrHandoffStore store, IMessageStore messages, IPracticeStore practices, IEhrLink link, TimeProvider time, string owner, TimeSpan? firstRetry = null)
{
    /// <summary>Who the message history says handed a message to the EHR.</summary>
    public const string Actor = "ehr";

    /// <summary>How many due rows one round takes at most.</summary>
    public const int RoundSize = 20;

    /// <summary>How long a try may hold its row: longer than a hand-off's few calls with their timeouts.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan[] Waits =
    [
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
    ];

    /// <summary>This process's name on leases.</summary>
    public string Owner => owner;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed try: 1, 5, 15, 30 minutes, then hourly.</summary>
    public static TimeSpan Backoff(int attempts) => Waits[Math.Clamp(attempts - 1, 0, Waits.Length - 1)];

    /// <summary>The wait after the <paramref name="attempts"/>-th failed try, scaled so the first is <paramref name="first"/>.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first) => Backoff(attempts) / Waits[0] * first;

    /// <summary>What a delivered hand-off did, in a word, for its line: "booked", "proposed", "sent".</summary>
    public static string Verb(EhrLevel? level) => level switch
    {
        EhrLevel.Book => "booked",
        EhrLevel.Propose => "proposed",
        _ => "sent",
    };

    /// <summary>Runs every due hand-off once; returns how many it tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.DueAsync(time.GetUtcNow(), RoundSize, cancellationToken).ConfigureAwait(false);
        var tried = 0;
        foreach (var handoff in due)
        {
            var now = time.GetUtcNow();
            if (!await store.ClaimAsync(handoff.MessageId, owner, now, now + Lease, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            tried++;
            await RunAsync(handoff, cancellationToken).ConfigureAwait(false);
        }

        return tried;
    }

    private async Task RunAsync(EhrHandoff handoff, CancellationToken cancellationToken)
    {
        var practice = await practices.GetAsync(handoff.PracticeId, cancellationToken).ConfigureAwait(false);
        var message = await messages.GetAsync(handoff.MessageId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (practice is not { Ehr.Linked: true } || message is null)
        {
            await store.FinishAsync(handoff.MessageId, owner, EhrHandoffState.NotLinked, null, now, now, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        EhrResult result;
        try
        {
            result = await link.HandOffAsync(handoff.PracticeId, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong here is ours or the network's, not the EHR's answer: try again later.
            result = new EhrResult(EhrOutcome.TryAgain, practice.Ehr.Level, null, "the hand-off failed before the EHR answered (" + exception.GetType().Name + ")");
        }

        now = time.GetUtcNow();
        var clock = practice.Clock();
        switch (result.Outcome)
        {
            case EhrOutcome.Done:
                await store.FinishAsync(handoff.MessageId, owner, EhrHandoffState.Delivered, result, now, now, $"EHR: {Verb(result.Level)} {result.Reference}", cancellationToken).ConfigureAwait(false);
                break;
            case EhrOutcome.Refused:
                await store.FinishAsync(handoff.MessageId, owner, EhrHandoffState.Refused, result, now, now, $"EHR refused: {result.Detail}", cancellationToken).ConfigureAwait(false);
                break;
            default:
                var next = now + Backoff(handoff.Attempts + 1, firstRetry ?? Waits[0]);
                await store.FinishAsync(
                    handoff.MessageId,
                    owner,
                    EhrHandoffState.Pending,
                    result,
                    next,
                    now,
                    string.Create(CultureInfo.InvariantCulture, $"EHR: not yet delivered ({result.Detail}), trying again at {clock.Local(next):yyyy-MM-dd HH:mm}"),
                    cancellationToken).ConfigureAwait(false);
                break;
        }
    }
}
