using System.Collections.Concurrent;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Simulation;

/// <summary>Messages kept in memory; can be told to fail, to test the safety net.</summary>
public sealed class InMemoryMessageStore(Action<string>? log = null) : IMessageStore
{
    private readonly ConcurrentDictionary<long, PatientMessage> _messages = new();
    private readonly Lock _once = new();
    private long _next;

    public bool Fail { get; set; }

    public IReadOnlyList<PatientMessage> All => _messages.Values.OrderBy(m => m.Id).ToArray();

    public Task<long> SaveAsync(ReceivedMessage received, CancellationToken cancellationToken = default) => Task.FromResult(Add(received.Message));

    public Task<(long Id, bool Created)> SaveOnceAsync(ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(received);
        var summary = received.Message.Summary is not null;
        if (received.Message.Typed is null && !summary)
        {
            throw new ArgumentException("Only a typed message or a patched call's summary is saved once per call.", nameof(received));
        }

        lock (_once)
        {
            var first = _messages.Values
                .Where(m => m.CallId == received.Message.CallId && (summary ? m.Summary is not null : m.Typed is not null))
                .Select(m => m.Id)
                .DefaultIfEmpty()
                .Min();
            return Task.FromResult(first != 0 ? (first, false) : (Add(received.Message), true));
        }
    }

    public Task<PatientMessage?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.TryGetValue(id, out var message) ? message : null);

    public Task<IReadOnlyList<PatientMessage>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PatientMessage>>(All.Take(limit).ToArray());

    public Task<IReadOnlyList<PatientMessage>> ForCallAsync(long callId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PatientMessage>>(All.Where(m => m.CallId == callId).ToArray());

    /// <summary>Nothing is dispatched in memory, so a <see cref="InboxQuery.PagedTo"/> inbox holds only the summaries addressed to them.</summary>
    public Task<IReadOnlyList<PatientMessage>> InboxAsync(InboxQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PatientMessage>>(All
            .Where(m => (query.PracticeId is null || m.PracticeId == query.PracticeId)
                && (query.IncludeResolved || m.Status != MessageStatus.Resolved)
                && (query.PagedTo is null || m.Summary?.ClinicianId == query.PagedTo)
                && (!query.AppointmentsOnly || m.Appointment is not null))
            .OrderByDescending(m => m.Urgency == Urgency.Urgent)
            .ThenByDescending(m => m.ReceivedAt)
            .ThenByDescending(m => m.Id)
            .Take(query.Limit)
            .ToArray());

    private long Add(PatientMessage message)
    {
        if (Fail)
        {
            throw new IOException("disk full");
        }

        var id = Interlocked.Increment(ref _next);
        _messages[id] = message with { Id = id };
        log?.Invoke($"saved message {id}");
        return id;
    }
}
