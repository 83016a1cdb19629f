using Ivr.Domain.Desk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The desk's queue as one across the service processes sharing a database (<see cref="IDeskQueueStore"/>): each process
/// writes the callers waiting at its desk, with their first queueing and urgency, so the queue's order is one. A process
/// with someone free, and nobody waiting on that line at its own desk, claims the head of the shared queue, one caller per
/// free person; the process holding a claimed caller takes them out of their timed wait, and their flow moves them to the
/// claimer (<see cref="FreeElsewhereAsync"/>, <see cref="IOperatorDesk.MoveAsync"/>). A claim is a request, not a seat:
/// a caller who arrives at the claimer's own desk first is offered first, and the moved caller waits there in their place.
/// </summary>
public sealed partial class DeskService
{
    /// <summary>The callers waiting at other processes' desks at the last round, for the live view.</summary>
    private (int Count, DateTimeOffset? Since) _elsewhere;

    /// <summary>The last round could not reach the shared queue: said once, and again when it can.</summary>
    private bool _queueAway;

    /// <summary>The callers this process claimed, by call id, with their line and when: until they arrive here, or their claim lapses.</summary>
    private readonly Dictionary<string, (DeskLine Line, DateTimeOffset At)> _claimed = new(StringComparer.Ordinal);

    public Task<string?> FreeElsewhereAsync(string callId, DeskLine line, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_calls.TryGetValue(callId, out var call) && Movable(call) && !FreeHere(_queue.Operators(), line) ? call.ClaimedBy : null);
        }
    }

    /// <summary>
    /// One round of the shared queue, at each heartbeat of <see cref="DeskPresencePublisher"/> and whenever the desk changes:
    /// writes this desk's waiting callers; reads the whole queue (how many wait at other processes, for the live view)
    /// and the claims other processes made on this desk's callers, and takes each claimed caller who may move out of
    /// their timed wait (at most once in <see cref="PresenceFresh"/>; a kick that found them outside the room does not
    /// count); then claims, for each line with someone free here and nobody waiting here, callers held elsewhere. The
    /// database away: logged once, and the desk works alone until it is back. Runs one round at a time (the publisher's
    /// loop).
    /// </summary>
    internal async Task ShareQueueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = now - PresenceFresh;
        List<DeskQueueEntry> entries;
        lock (_gate)
        {
            entries = [.. _queue.Waiting().Select(w => Entry(w, _calls.GetValueOrDefault(w.CallId)))];
        }

        Dictionary<string, string> claims;
        try
        {
            await queueStore.PublishAsync(agi.Base, entries, cancellationToken);
            // One read of the whole queue: the callers elsewhere for the live view, and the fresh claims on this desk's own.
            var queue = await queueStore.WaitingAsync(fresh, cancellationToken);
            Elsewhere([.. queue.Where(e => e.AgiUrl != agi.Base)]);
            claims = queue
                .Where(e => e.AgiUrl == agi.Base && e.ClaimedBy is not null && e.ClaimedAt >= fresh)
                .ToDictionary(e => e.CallId, e => e.ClaimedBy!, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (!_queueAway)
            {
                logger.LogWarning(exception, "The shared queue could not be written or read; this desk serves its own callers until it can");
            }

            _queueAway = true;
            return;
        }

        if (_queueAway)
        {
            logger.LogInformation("The shared queue is reached again");
            _queueAway = false;
        }

        var kicks = new List<DeskCallState>();
        lock (_gate)
        {
            var operators = _queue.Operators();
            foreach (var call in _calls.Values)
            {
                call.ClaimedBy = claims.GetValueOrDefault(call.Caller.CallId);
                if (call.ClaimedBy is not null && Movable(call) && !FreeHere(operators, call.Caller.Line) && (call.NudgedAt is not { } nudged || now - nudged >= PresenceFresh))
                {
                    kicks.Add(call);
                }
            }
        }

        foreach (var call in kicks)
        {
            if (await KickAsync(call.Caller.Room, call.Caller.Channel))
            {
                lock (_gate)
                {
                    call.NudgedAt = now;
                }
            }
        }

        foreach (var line in (DeskLine[])[DeskLine.Operators, DeskLine.Nurses])
        {
            await ClaimAsync(line, now, fresh, cancellationToken);
        }
    }

    /// <summary>
    /// Claims callers held elsewhere for those free on <paramref name="line"/> here, while nobody waits on it here. A
    /// caller claimed before and on their way (gone from their holder's rows, not yet here) still counts as claimed, so
    /// a round that falls in that moment does not claim a second caller for the same person.
    /// </summary>
    private async Task ClaimAsync(DeskLine line, DateTimeOffset now, DateTimeOffset fresh, CancellationToken cancellationToken)
    {
        int free;
        List<string> arriving;
        lock (_gate)
        {
            foreach (var (callId, claim) in _claimed.ToList())
            {
                if (claim.At < fresh || _calls.ContainsKey(callId))
                {
                    _claimed.Remove(callId);
                }
            }

            arriving = [.. _claimed.Where(c => c.Value.Line == line).Select(c => c.Key)];
            free = _queue.Waiting().Any(w => w.Line == line && w.OfferedTo is null) ? 0 : _queue.Operators().Count(o => IsFree(o, line));
        }

        if (free == 0)
        {
            return;
        }

        try
        {
            var claimed = await queueStore.ClaimAsync(agi.Base, line, free, now, fresh, fresh, arriving, cancellationToken);
            lock (_gate)
            {
                foreach (var entry in claimed)
                {
                    _claimed[entry.CallId] = (line, now);
                }
            }

            if (claimed.Count > 0)
            {
                logger.LogInformation("Claimed {Count} caller(s) waiting at other processes for the {Queue}, where someone is free here", claimed.Count, DeskLines.Queue(line));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not claim callers waiting at other processes for the {Queue}", DeskLines.Queue(line));
        }
    }

    private void Elsewhere(IReadOnlyList<DeskQueueEntry> others)
    {
        var now = (others.Count, others.Count == 0 ? (DateTimeOffset?)null : others.Min(e => e.QueuedAt));
        lock (_gate)
        {
            if (now == _elsewhere)
            {
                return;
            }

            _elsewhere = now;
        }

        Changes();
    }

    private DeskQueueEntry Entry(WaitingCaller waiting, DeskCallState? call) =>
        new(waiting.CallId, agi.Base, waiting.Line, waiting.Priority == DeskPriority.Urgent, waiting.JoinedAt, waiting.OfferedTo is null && call is not null && Movable(call));
}
