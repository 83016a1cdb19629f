using System.Collections.Concurrent;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Tests.Support;

/// <summary>What a voice page reads and writes, in memory: one message, its status changes, attempt finishes and audit entries, all on the shared log.</summary>
public sealed class PageStores(ConcurrentQueue<string> log, PatientMessage message) : IDispatchStore, IMessageStore, IAuditLog
{
    private PatientMessage _message = message;

    /// <summary>Every finish asked for; the store keeps only the first, as the database does.</summary>
    public List<(string Outcome, string Detail)> Finishes { get; } = [];

    public (string Outcome, string Detail) Finished => Finishes[0];

    public List<AuditEntry> Audit { get; } = [];

    public Task<MessageLifecycle?> LifecycleAsync(long messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<MessageLifecycle?>(new MessageLifecycle(messageId, _message.Status));

    /// <summary>Keeps the domain's decision as the database does: only when the status is still the one it was loaded at.</summary>
    public Task<bool> SaveAsync(MessageLifecycle lifecycle, CancellationToken cancellationToken = default)
    {
        if (_message.Status != lifecycle.Loaded)
        {
            return Task.FromResult(false);
        }

        foreach (var change in lifecycle.Changes)
        {
            log.Enqueue($"message {change.To} by {change.By}: {change.Detail}");
        }

        _message = _message with { Status = lifecycle.Status };
        return Task.FromResult(true);
    }

    public Task<bool> FinishAttemptAsync(long attemptId, DateTimeOffset at, string outcome, string detail, CancellationToken cancellationToken = default)
    {
        Finishes.Add((outcome, detail));
        return Task.FromResult(Finishes.Count == 1);
    }

    public Task<PatientMessage?> GetAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult<PatientMessage?>(_message);

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Audit.Add(entry);
        return Task.CompletedTask;
    }

    public MessageStatus Status => _message.Status;

    public Task<IReadOnlyList<DispatchWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> PlanEscalationAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset firstDue, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> PlanReportAsync(long messageId, DateTimeOffset due, DateTimeOffset escalateAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> PlanSummaryAsync(long messageId, DateTimeOffset due, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteSummaryAsync(long messageId, string owner, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> ClaimStepAsync(long messageId, int step, DateTimeOffset nextDue, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<long>> ClaimReportBatchAsync(IReadOnlyList<ReportClaim> rows, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ReleaseAsync(long messageId, string owner, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteReportAsync(long messageId, string owner, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DateTimeOffset?> LastReportAsync(string practiceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task NoteReportAsync(string practiceId, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> MoveReportMarkAsync(string practiceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> EscalateRoutineAsync(long messageId, IReadOnlyList<OnCallContact> chain, EscalationPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> StartAttemptAsync(long messageId, int step, string channel, string recipient, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DispatchAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DispatchAttempt>> AttemptsAsync(long messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DispatchStanding?> StandingAsync(long messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<MessageHistoryEntry>> HistoryAsync(long messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> SaveAsync(ReceivedMessage received, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<(long Id, bool Created)> SaveOnceAsync(ReceivedMessage received, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PatientMessage>> ListAsync(int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PatientMessage>> ForCallAsync(long callId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PatientMessage>> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    Task<IReadOnlyList<AuditEntry>> IAuditLog.ListAsync(int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
}
