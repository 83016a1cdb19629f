using Ivr.Domain.Audit;

namespace Ivr.Portal.Tests.Desk;

/// <summary>An audit log in a list, newest first as the real one lists it.</summary>
internal sealed class ListAuditLog : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.AsEnumerable().Reverse().Take(limit).ToArray());
        }
    }

    public IReadOnlyList<AuditEntry> All
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }
}
