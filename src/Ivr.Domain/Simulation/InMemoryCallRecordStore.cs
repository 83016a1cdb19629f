using System.Collections.Concurrent;
using Ivr.Domain.Calls;

namespace Ivr.Domain.Simulation;

/// <summary>Call records kept in memory: for the what-if simulator, which must leave no record, and for tests.</summary>
public sealed class InMemoryCallRecordStore(Action<string>? log = null) : ICallRecordStore
{
    private readonly ConcurrentDictionary<long, CallRecord> _calls = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<CallEvent>> _events = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<BridgeLeg>> _legs = new();
    private long _next;

    public Task<long> StartAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _next);
        _calls[id] = record with { Id = id };
        return Task.FromResult(id);
    }

    public Task MarkAnsweredAsync(long callId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _calls[callId] = _calls[callId] with { AnsweredAt = at };
        return Task.CompletedTask;
    }

    public Task AppendEventAsync(long callId, CallEvent callEvent, CancellationToken cancellationToken = default)
    {
        _events.GetOrAdd(callId, _ => new()).Enqueue(callEvent);
        return Task.CompletedTask;
    }

    public Task AddLegAsync(long callId, BridgeLeg leg, CancellationToken cancellationToken = default)
    {
        _legs.GetOrAdd(callId, _ => new()).Enqueue(leg);
        log?.Invoke($"leg {leg.ClinicianId} {leg.Result}");
        return Task.CompletedTask;
    }

    public Task CompleteAsync(long callId, DateTimeOffset endedAt, string outcome, string outcomeDetail, CancellationToken cancellationToken = default)
    {
        _calls[callId] = _calls[callId] with { EndedAt = endedAt, Outcome = outcome, OutcomeDetail = outcomeDetail };
        return Task.CompletedTask;
    }

    public Task<CallRecord?> GetAsync(long callId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_calls.TryGetValue(callId, out var call) ? call : null);

    public Task<CallRecord?> FindByUniqueIdAsync(string uniqueId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_calls.Values.FirstOrDefault(c => c.UniqueId == uniqueId));

    public Task<IReadOnlyList<CallRecord>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CallRecord>>(_calls.Values.Take(limit).ToArray());

    public Task<IReadOnlyList<CallRecord>> SearchAsync(CallQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CallRecord>>(_calls.Values
            .Where(c => (query.PracticeId is null || c.PracticeId == query.PracticeId)
                && (query.From is null || c.StartedAt >= query.From)
                && (query.Until is null || c.StartedAt < query.Until)
                && (query.Outcome is null || c.Outcome == query.Outcome))
            .OrderByDescending(c => c.StartedAt)
            .ThenByDescending(c => c.Id)
            .Take(query.Limit)
            .ToArray());

    public Task<IReadOnlyList<CallEvent>> EventsAsync(long callId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CallEvent>>(_events.TryGetValue(callId, out var events) ? events.ToArray() : []);

    public Task<IReadOnlyList<BridgeLeg>> LegsAsync(long callId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BridgeLeg>>(_legs.TryGetValue(callId, out var legs) ? legs.ToArray() : []);
}
