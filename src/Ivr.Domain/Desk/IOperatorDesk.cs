namespace Ivr.Domain.Desk;

/// <summary>
/// The desk as a caller's flow sees it: whether anyone is there, the queue to join, and where the caller
/// stands. Telephony implements it (it rings the operators and brings them into the caller's room); a
/// service without a desk answers <see cref="NoOperatorDesk"/>.
/// </summary>
public interface IOperatorDesk
{
    /// <summary>Whether any operator is at the desk (signed in, whatever their status); nurses do not count.</summary>
    bool Staffed { get; }

    /// <summary>Whether any nurse is at the desk (signed in on the nurse line, whatever their status).</summary>
    bool NursesStaffed { get; }

    /// <summary>
    /// The FastAGI address of another service process whose desk has someone signed in on <paramref name="line"/>, for a
    /// caller this desk has nobody for; null when there is none (or it cannot be known now).
    /// </summary>
    Task<string?> ElsewhereAsync(DeskLine line, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the caller of <paramref name="callId"/> waiting here: the FastAGI address of another service process that
    /// claimed them from the shared queue for someone free there; null when nobody claimed them, when someone on
    /// <paramref name="line"/> is free at this desk (the caller is offered here), or when they may not move.
    /// </summary>
    Task<string?> FreeElsewhereAsync(string callId, DeskLine line, CancellationToken cancellationToken = default);

    /// <summary>
    /// The waiting caller leaves this desk's queue to be handed to another process's desk (not a caller who left: the
    /// desk's log keeps their first queueing). False, and the caller stays, when an operator's phone is ringing for them,
    /// an operator answered, or they are not waiting.
    /// </summary>
    Task<bool> MoveAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>The caller joins the queue of their line (<see cref="DeskCaller.Line"/>), in their own room; the people working it are offered the call from now.</summary>
    Task JoinAsync(DeskCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Where the caller of <paramref name="callId"/> stands now.</summary>
    DeskStanding Standing(string callId);

    /// <summary>
    /// The caller's room emptied (the last operator or patched clinician in it left): where they stand now. Done
    /// when the operator had released the call or a patched clinician was with them; otherwise unchanged, for an
    /// operator's dropped line is reported by the line itself and puts the caller back in the queue.
    /// </summary>
    Task<DeskStanding> RoomEmptiedAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>The waiting caller said the call is urgent: they go ahead of routine callers. False when they are not waiting or urgent already.</summary>
    Task<bool> MakeUrgentAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>The caller leaves the queue without an operator. False when an operator answered first: the caller is theirs.</summary>
    Task<bool> LeaveAsync(string callId, DeskLeave how, CancellationToken cancellationToken = default);

    /// <summary>The caller's line ended or moved on: the desk lets the call go (an operator still in the room is released).</summary>
    Task EndAsync(string callId, CancellationToken cancellationToken = default);
}
