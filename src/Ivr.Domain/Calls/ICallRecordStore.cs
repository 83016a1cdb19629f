namespace Ivr.Domain.Calls;

/// <summary>Keeps call records, their timelines and bridge legs.</summary>
public interface ICallRecordStore
{
    /// <summary>Creates the record at call start; returns its id.</summary>
    Task<long> StartAsync(CallRecord record, CancellationToken cancellationToken = default);

    Task MarkAnsweredAsync(long callId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task AppendEventAsync(long callId, CallEvent callEvent, CancellationToken cancellationToken = default);

    Task AddLegAsync(long callId, BridgeLeg leg, CancellationToken cancellationToken = default);

    /// <summary>Closes the record with its outcome and billable seconds.</summary>
    Task CompleteAsync(long callId, DateTimeOffset endedAt, string outcome, string outcomeDetail, CancellationToken cancellationToken = default);

    Task<CallRecord?> GetAsync(long callId, CancellationToken cancellationToken = default);

    Task<CallRecord?> FindByUniqueIdAsync(string uniqueId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallRecord>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Calls matching a search, newest first.</summary>
    Task<IReadOnlyList<CallRecord>> SearchAsync(CallQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallEvent>> EventsAsync(long callId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BridgeLeg>> LegsAsync(long callId, CancellationToken cancellationToken = default);
}
