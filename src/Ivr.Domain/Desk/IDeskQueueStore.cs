namespace Ivr.Domain.Desk;

/// <summary>
/// One caller waiting at some service process's desk, as the shared queue holds them: every process writes its own
/// waiting callers, so the queue's order (urgent first, then by first queueing) is one across processes, and a process
/// with someone free claims the head of it where another process holds the caller (docs/deployment.md).
/// </summary>
/// <param name="CallId">The caller's channel uniqueid (the desk's key for the call; the same at whichever process holds them).</param>
/// <param name="AgiUrl">The FastAGI address of the process holding the caller (<see cref="DeskPresence.AgiUrl"/>).</param>
/// <param name="Line">The line they wait on.</param>
/// <param name="Urgent">They said it is urgent: they go before every caller who did not.</param>
/// <param name="QueuedAt">When they first joined a desk's queue, at whichever process: their place.</param>
/// <param name="Movable">The holder may hand them to another process: waiting, nobody's phone ringing for them, not handed in already.</param>
/// <param name="ClaimedBy">The FastAGI address of a process with someone free that asked for the caller, or null.</param>
/// <param name="ClaimedAt">When it asked; a claim is believed for <c>DeskService.PresenceFresh</c>.</param>
public sealed record DeskQueueEntry(
    string CallId,
    string AgiUrl,
    DeskLine Line,
    bool Urgent,
    DateTimeOffset QueuedAt,
    bool Movable,
    string? ClaimedBy = null,
    DateTimeOffset? ClaimedAt = null);

/// <summary>The desk's queue across the service processes sharing one database, each process writing its own callers.</summary>
public interface IDeskQueueStore
{
    /// <summary>
    /// Makes <paramref name="agiUrl"/>'s rows exactly <paramref name="waiting"/> (each entry's <see cref="DeskQueueEntry.AgiUrl"/>
    /// is <paramref name="agiUrl"/>): rows of callers no longer waiting there go, new ones come, the rest are updated.
    /// A claim on a caller still held by <paramref name="agiUrl"/> is kept; a caller who arrives from another process
    /// (the same <see cref="DeskQueueEntry.CallId"/>, another holder) starts unclaimed. The entries' claim fields are ignored.
    /// </summary>
    Task PublishAsync(string agiUrl, IReadOnlyList<DeskQueueEntry> waiting, CancellationToken cancellationToken = default);

    /// <summary>
    /// For <paramref name="claimer"/>, which has <paramref name="wanted"/> people free on <paramref name="line"/>: makes
    /// the claims it holds on that line, believed since <paramref name="claimFreshSince"/>, up to <paramref name="wanted"/>,
    /// taking the head of the queue first (urgent, then earliest <see cref="DeskQueueEntry.QueuedAt"/>, then
    /// <see cref="DeskQueueEntry.CallId"/> by ordinal). Only rows held by another process whose desk was seen
    /// (<see cref="IDeskPresenceStore"/>) at or after <paramref name="holderFreshSince"/>, <see cref="DeskQueueEntry.Movable"/>,
    /// and unclaimed or claimed before <paramref name="claimFreshSince"/>, are taken; two processes never hold one
    /// claim (compare-and-set in the database). The callers in <paramref name="arriving"/> (claimed by
    /// <paramref name="claimer"/>, gone from their holder's rows and not yet in its own: on their way) count toward
    /// <paramref name="wanted"/> as its fresh claims do, each once. Returns the rows it claimed now.
    /// </summary>
    Task<IReadOnlyList<DeskQueueEntry>> ClaimAsync(
        string claimer,
        DeskLine line,
        int wanted,
        DateTimeOffset now,
        DateTimeOffset holderFreshSince,
        DateTimeOffset claimFreshSince,
        IReadOnlyCollection<string>? arriving = null,
        CancellationToken cancellationToken = default);

    /// <summary>The claims believed since <paramref name="claimFreshSince"/> on callers <paramref name="agiUrl"/> holds: caller to claimer.</summary>
    Task<IReadOnlyDictionary<string, string>> ClaimsOnAsync(string agiUrl, DateTimeOffset claimFreshSince, CancellationToken cancellationToken = default);

    /// <summary>The whole queue of the processes whose desk was seen at or after <paramref name="holderFreshSince"/>, in the queue's order per line (operators' line first).</summary>
    Task<IReadOnlyList<DeskQueueEntry>> WaitingAsync(DateTimeOffset holderFreshSince, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="agiUrl"/>'s rows (on shutdown).</summary>
    Task WithdrawAsync(string agiUrl, CancellationToken cancellationToken = default);
}
