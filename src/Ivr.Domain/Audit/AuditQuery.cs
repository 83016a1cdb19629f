namespace Ivr.Domain.Audit;

/// <summary>A filter over the audit log; every criterion left null matches everything.</summary>
/// <param name="From">Rows at or after this instant.</param>
/// <param name="Until">Rows before this instant.</param>
/// <param name="Actor">Who, exactly as recorded (<c>portal:jane</c>, <c>cli:root</c>) or a part of it.</param>
/// <param name="Action">What, exactly (<c>message.view</c>) or every action of an area (<c>message.</c>).</param>
/// <param name="MessageId">The patient message the row is about.</param>
/// <param name="PracticeId">The practice the row is about (directly, or through its message, call or override).</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    string? Actor = null,
    string? Action = null,
    long? MessageId = null,
    string? PracticeId = null);
