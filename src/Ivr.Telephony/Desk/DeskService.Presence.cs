using Ivr.Domain.Desk;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// The desk among several service processes (docs/deployment.md): each publishes how many operators and nurses are
/// signed in to it, and a caller whose line has nobody at this process's desk is handed to a process whose desk has
/// someone (<see cref="IOperatorDesk.ElsewhereAsync"/>).
/// </summary>
public sealed partial class DeskService
{
    /// <summary>How long another process's published desk is believed: three of its heartbeats (<see cref="DeskPresencePublisher.Every"/>).</summary>
    public static readonly TimeSpan PresenceFresh = TimeSpan.FromSeconds(15);

    public async Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default)
    {
        try
        {
            var others = await presence.OthersAsync(agi.Base, time.GetUtcNow() - PresenceFresh, cancellationToken);
            return others
                .Where(p => SignedIn(p, line) > 0)
                .OrderByDescending(p => SignedIn(p, line))
                .Select(p => p.AgiUrl)
                .FirstOrDefault();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database is away: the caller is served as if no other desk were staffed (the doctor, or a message).
            logger.LogWarning(exception, "The other processes' desks could not be read; the caller stays with this process");
            return null;
        }
    }

    /// <summary>This process's desk as the others see it now: who is signed in on each line.</summary>
    internal DeskPresence Presence()
    {
        var signedIn = _queue.Operators().Where(o => o.Status != OperatorStatus.SignedOut).ToList();
        return new DeskPresence(agi.Base, signedIn.Count(o => o.Line == DeskLine.Operators), signedIn.Count(o => o.Line == DeskLine.Nurses), time.GetUtcNow());
    }

    private static int SignedIn(DeskPresence desk, DeskLine line) => line == DeskLine.Nurses ? desk.Nurses : desk.Operators;
}
