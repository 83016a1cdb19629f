namespace Ivr.Data;

/// <summary>An audit_log row exactly as stored: the text the chain value was computed over.</summary>
internal sealed class AuditRow
{
    public long Id { get; init; }

    public string At { get; init; } = string.Empty;

    public string Actor { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    public string SubjectType { get; init; } = string.Empty;

    public string SubjectId { get; init; } = string.Empty;

    public string Detail { get; init; } = string.Empty;

    public string? Session { get; init; }

    public string? Address { get; init; }

    public string? Chain { get; init; }

    /// <summary>Every column, aliased to the properties above.</summary>
    public const string Columns = "id AS Id, at AS At, actor AS Actor, action AS Action, subject_type AS SubjectType, subject_id AS SubjectId, detail AS Detail, session AS Session, address AS Address, chain AS Chain";
}
