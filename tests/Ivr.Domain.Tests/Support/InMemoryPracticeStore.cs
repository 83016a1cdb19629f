using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Tests.Support;

/// <summary>Practices and overrides in memory, for directory and simulation tests.</summary>
public sealed class InMemoryPracticeStore(params Practice[] practices) : IPracticeStore
{
    private readonly List<Practice> _practices = [.. practices];
    private readonly List<OnCallOverride> _overrides = [];

    public Task<Practice?> GetAsync(string practiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_practices.FirstOrDefault(p => p.Id == practiceId));

    public Task<Practice?> FindByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        Task.FromResult(_practices.FirstOrDefault(p => p.Numbers.Select(PhoneNumbers.Normalize).Contains(number)));

    public Task<IReadOnlyList<Practice>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Practice>>(_practices);

    public Task<int> SaveAsync(Practice practice, string changedBy, CancellationToken cancellationToken = default)
    {
        _practices.RemoveAll(p => p.Id == practice.Id);
        _practices.Add(practice);
        return Task.FromResult(1);
    }

    public Task<int> SaveIfUnchangedAsync(Practice practice, string changedBy, int expectedRevision, CancellationToken cancellationToken = default) =>
        SaveAsync(practice, changedBy, cancellationToken);

    public Task<IReadOnlyList<PracticeRevision>> RevisionsAsync(string practiceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PracticeRevision>>(_practices.Where(p => p.Id == practiceId).Select(p => new PracticeRevision(1, p, DateTimeOffset.UnixEpoch, "test")).ToList());

    public Task<IReadOnlyList<OnCallOverride>> OverridesAsync(string practiceId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OnCallOverride>>(_overrides.Where(o => o.PracticeId == practiceId && o.From < until && o.Until > from).ToList());

    public Task<long> AddOverrideAsync(OnCallOverride entry, CancellationToken cancellationToken = default)
    {
        var id = _overrides.Count + 1L;
        _overrides.Add(entry with { Id = id });
        return Task.FromResult(id);
    }

    public Task<bool> CancelOverrideAsync(long overrideId, string cancelledBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(_overrides.RemoveAll(o => o.Id == overrideId) == 1);
}
