using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// Dispatch state, durable. Every message gets a dispatch row in the same transaction that saves it.
/// A step runs only after <see cref="ClaimStepAsync"/> moved the row past it, so two processes sharing
/// the database never run a step twice; the lease keeps the next step from starting while one is in
/// flight and expires on its own if the process holding it dies.
/// </summary>
public interface IDispatchStore
{
    /// <summary>Rows not stopped whose next step is due and whose lease is free.</summary>
    Task<IReadOnlyList<DispatchWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Fixes the chain and policy of a new urgent message; step 0 is due at <paramref name="firstDue"/>. False when it was planned already.</summary>
    Task<bool> PlanEscalationAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset firstDue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a new routine message into the morning report due at <paramref name="due"/>; unacknowledged
    /// at <paramref name="escalateAt"/>, it escalates. False when it was planned already.
    /// </summary>
    Task<bool> PlanReportAsync(long messageId, DateTimeOffset due, DateTimeOffset escalateAt, CancellationToken cancellationToken = default);

    /// <summary>Makes a new summary's row a <see cref="DispatchKind.Summary"/> whose step 0 is due at <paramref name="due"/>. False when it was planned already.</summary>
    Task<bool> PlanSummaryAsync(long messageId, DateTimeOffset due, CancellationToken cancellationToken = default);

    /// <summary>
    /// A summary's notice is over (sent, or nowhere to send it, or given up on): the lease held by
    /// <paramref name="owner"/> is given back and the row stops; the summary waits in the portal to be acknowledged.
    /// </summary>
    Task CompleteSummaryAsync(long messageId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes step <paramref name="step"/> if it is still the next one, active, due and unleased: the row
    /// moves to the following step (due at <paramref name="nextDue"/>) and is leased to
    /// <paramref name="owner"/> until <paramref name="leaseUntil"/>. Attempts a dead owner left open
    /// are closed as interrupted. False when another process has it or someone acknowledged.
    /// </summary>
    Task<bool> ClaimStepAsync(long messageId, int step, DateTimeOffset nextDue, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims, in one transaction, each of a practice's due report rows that is still claimable, as
    /// <see cref="ClaimStepAsync"/> would one by one: the ids claimed. Of two processes reporting at
    /// once one takes the whole batch, so the practice gets one report, not two halves.
    /// </summary>
    Task<IReadOnlyList<long>> ClaimReportBatchAsync(IReadOnlyList<ReportClaim> rows, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease back once the step is over.</summary>
    Task ReleaseAsync(long messageId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// The morning report is over for the message (delivered, or nobody to send it to, or its deadline
    /// passed): the lease is given back and the row waits, active, for its follow-up at the time fixed
    /// when the report was planned.
    /// </summary>
    Task CompleteReportAsync(long messageId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns a routine message whose follow-up is due, still active and unleased, into an escalation
    /// with <paramref name="chain"/> and <paramref name="policy"/>; step 0 is due at <paramref name="now"/>.
    /// False when another process turned it already or someone acknowledged.
    /// </summary>
    Task<bool> EscalateRoutineAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>When the practice's morning report last reached someone (<see cref="NoteReportAsync"/>); null before its first.</summary>
    Task<DateTimeOffset?> LastReportAsync(string practiceId, CancellationToken cancellationToken = default);

    /// <summary>The practice's morning report reached someone at <paramref name="at"/> (a later time only ever moves it forward).</summary>
    Task NoteReportAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the practice's report mark from <paramref name="from"/> (null: it has none) to <paramref name="to"/> (null:
    /// none again) only if nobody moved it since: the claim of a report that has no message to claim (a day of campaign
    /// news alone), taken by one process. True when this call moved it.
    /// </summary>
    Task<bool> MoveReportMarkAsync(string practiceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default);

    Task<long> StartAttemptAsync(long messageId, int step, string channel, string recipient, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Closes an attempt; false when it was closed already (the first outcome stands).</summary>
    Task<bool> FinishAttemptAsync(long attemptId, DateTimeOffset at, string outcome, string detail, CancellationToken cancellationToken = default);

    Task<DispatchAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DispatchAttempt>> AttemptsAsync(long messageId, CancellationToken cancellationToken = default);

    /// <summary>Where the message stands, to decide its next transition on; null when there is no such message.</summary>
    Task<MessageLifecycle?> LifecycleAsync(long messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Persists the transitions decided on <paramref name="lifecycle"/> with their history entries, in
    /// one transaction, only if the message still stands where it was loaded; a transition that stops
    /// dispatch stops it in the same transaction. False, and nothing written, when another process moved
    /// the message meanwhile.
    /// </summary>
    Task<bool> SaveAsync(MessageLifecycle lifecycle, CancellationToken cancellationToken = default);

    /// <summary>The dispatch row's state and lease; null when the message has none.</summary>
    Task<DispatchStanding?> StandingAsync(long messageId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MessageHistoryEntry>> HistoryAsync(long messageId, CancellationToken cancellationToken = default);
}
