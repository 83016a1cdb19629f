namespace Ivr.Domain.Audit;

/// <summary>Reading the audit log back: the supervisor's audit page and <c>ivr audit export</c>.</summary>
public interface IAuditTrail
{
    /// <summary>The rows matching <paramref name="query"/>, oldest first (newest first with <paramref name="newestFirst"/>), <paramref name="limit"/> of them from <paramref name="offset"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, int offset, int limit, bool newestFirst = false, CancellationToken cancellationToken = default);

    /// <summary>How many rows match <paramref name="query"/>.</summary>
    Task<int> CountAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
