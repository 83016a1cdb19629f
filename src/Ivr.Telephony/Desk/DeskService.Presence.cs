using Ivr.Domain.Desk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The desk among several service processes (docs/deployment.md): each publishes how many operators and nurses are
/// signed in to it and how many of them are free. A caller whose line has nobody at this process's desk is handed to a
/// process whose desk has someone (<see cref="IOperatorDesk.ElsewhereAsync"/>); a caller waiting here while nobody on
/// their line is free here moves to a process with someone free (<see cref="IOperatorDesk.FreeElsewhereAsync"/>).
/// </summary>
public sealed partial class DeskService
{
    /// <summary>How long another process's published desk is believed: three of its heartbeats (<see cref="DeskPresencePublisher.Every"/>).</summary>
    public static readonly TimeSpan PresenceFresh = TimeSpan.FromSeconds(15);

    public Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default) =>
        OtherDeskAsync(p => p.SignedIn(line), "the caller stays with this process", cancellationToken);

    public async Task<string?> FreeElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default)
    {
        return FreeHere(_queue.Operators(), line) ? null : await OtherDeskAsync(p => p.Free(line), "the caller keeps waiting here", cancellationToken);
    }

    public async Task<bool> MoveAsync(string callId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DeskCallState? call;
        lock (_gate)
        {
            // Only a caller nobody's phone is ringing for: an offer under way is let run.
            if (!_calls.TryGetValue(callId, out call) || call.Caller.HandedIn || call.Stage != DeskStage.Waiting || call.RingingChannelId is not null || _queue.Leave(callId, now) is null)
            {
                return false;
            }

            call.Stage = DeskStage.Done;
            call.Detail = "moved to another process's desk";
            _calls.Remove(callId);
        }

        // Not a caller who left: the desk log keeps their first queueing, and the other desk writes their answer.
        logger.LogInformation("Call {CallId} left this desk's {Queue} for another process's, where someone is free", call.Caller.CallRecordId, DeskLines.Queue(call.Caller.Line));
        await TimelineAsync(call.Caller.CallRecordId, now, DeskEvents.Moved, $"moved after {(int)(now - call.Caller.At).TotalSeconds} s: nobody on the caller's line was free here, someone was at another process's desk");
        Changes();
        return true;
    }

    /// <summary>
    /// When the first waiting caller who may move (not handed here, not offered) has nobody free on their line here and
    /// someone free at another process's desk, takes them out of their timed wait: their flow looks again at once
    /// (<see cref="FreeElsewhereAsync"/>) instead of at its next announcement, and moves. A caller is taken out at most
    /// once in <see cref="PresenceFresh"/>; a kick that found them outside the room (hearing an announcement) does not
    /// count, so the next heartbeat tries again. The publisher calls it at each heartbeat.
    /// </summary>
    internal async Task NudgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DeskCallState? first = null;
        lock (_gate)
        {
            var operators = _queue.Operators();
            foreach (var waiting in _queue.Waiting())
            {
                if (waiting.OfferedTo is null && _calls.TryGetValue(waiting.CallId, out var call) && Movable(call)
                    && !FreeHere(operators, waiting.Line))
                {
                    first = call;
                    break;
                }
            }

            if (first is null || now - first.NudgedAt < PresenceFresh)
            {
                return;
            }
        }

        if (await OtherDeskAsync(p => p.Free(first.Caller.Line), "the caller keeps waiting here", cancellationToken) is null)
        {
            return;
        }

        lock (_gate)
        {
            // Offered or gone while the other desks were read: nothing to look again for.
            if (!Movable(first) || now - first.NudgedAt < PresenceFresh)
            {
                return;
            }
        }

        if (await KickAsync(first.Caller.Room, first.Caller.Channel))
        {
            lock (_gate)
            {
                first.NudgedAt = now;
            }
        }
    }

    /// <summary>Whether a caller may move to another desk now: waiting, nobody's phone ringing for them, not handed here, in a room the desk can take them out of.</summary>
    private static bool Movable(DeskCallState call) =>
        call.Stage == DeskStage.Waiting && call.RingingChannelId is null && !call.Caller.HandedIn && call.Caller.Channel.Length > 0;

    /// <summary>This process's desk as the others see it now: who is signed in on each line, and who is free.</summary>
    internal DeskPresence Presence()
    {
        var signedIn = _queue.Operators().Where(o => o.Status != OperatorStatus.SignedOut).ToList();
        return new DeskPresence(
            agi.Base,
            signedIn.Count(o => o.Line == DeskLine.Operators),
            signedIn.Count(o => o.Line == DeskLine.Nurses),
            time.GetUtcNow(),
            signedIn.Count(o => IsFree(o, DeskLine.Operators)),
            signedIn.Count(o => IsFree(o, DeskLine.Nurses)));
    }

    /// <summary>Whether someone on <paramref name="line"/> is free at this desk (the queue copies its operators under its own lock).</summary>
    private static bool FreeHere(IReadOnlyList<DeskOperator> operators, DeskLine line) => operators.Any(o => IsFree(o, line));

    private static bool IsFree(DeskOperator person, DeskLine line) => person.Line == line && person.Status == OperatorStatus.Available && person.CallId is null;

    /// <summary>The FastAGI address of the fresh desk of another process with the most people by <paramref name="count"/>; null when none has any, or the database is away.</summary>
    private async Task<string?> OtherDeskAsync(Func<DeskPresence, int> count, string otherwise, CancellationToken cancellationToken)
    {
        try
        {
            var others = await presence.OthersAsync(agi.Base, time.GetUtcNow() - PresenceFresh, cancellationToken);
            return others
                .Where(p => count(p) > 0)
                .OrderByDescending(count)
                .Select(p => p.AgiUrl)
                .FirstOrDefault();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database is away: the caller is served as if no other desk had anyone.
            logger.LogWarning(exception, "The other processes' desks could not be read; {Otherwise}", otherwise);
            return null;
        }
    }
}
