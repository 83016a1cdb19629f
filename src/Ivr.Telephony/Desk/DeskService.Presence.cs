using Ivr.Domain.Desk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The desk among several service processes (docs/deployment.md): each publishes how many operators and nurses are
/// signed in to it and how many of them are free. A caller whose line has nobody at this process's desk is handed to a
/// process whose desk has someone (<see cref="IOperatorDesk.ElsewhereAsync"/>); a caller waiting here whom a process
/// with someone free claimed from the shared queue moves there (DeskService.SharedQueue.cs).
/// </summary>
public sealed partial class DeskService
{
    /// <summary>How long another process's published desk is believed: three of its heartbeats (<see cref="DeskPresencePublisher.Every"/>).</summary>
    public static readonly TimeSpan PresenceFresh = TimeSpan.FromSeconds(15);

    public Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default) =>
        OtherDeskAsync(p => p.SignedIn(line), "the caller stays with this process", cancellationToken);

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
            call.ClaimedBy = null;
            _calls.Remove(callId);
        }

        // Not a caller who left: the desk log keeps their first queueing, and the other desk writes their answer.
        logger.LogInformation("Call {CallId} left this desk's {Queue} for another process's, where someone is free", call.Caller.CallRecordId, DeskLines.Queue(call.Caller.Line));
        await TimelineAsync(call.Caller.CallRecordId, now, DeskEvents.Moved, $"moved after {(int)(now - call.Caller.At).TotalSeconds} s: nobody on the caller's line was free here, and another process with someone free claimed them from the shared queue");
        Changes();
        return true;
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
