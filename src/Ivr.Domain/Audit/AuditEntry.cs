namespace Ivr.Domain.Audit;

/// <summary>One access to protected health information: who, what, which record, when.</summary>
/// <param name="At">When.</param>
/// <param name="Actor">Who (a portal user, or <c>cli:USER</c>).</param>
/// <param name="Action">What, e.g. <c>message.list</c>, <c>call.show</c>.</param>
/// <param name="SubjectType">Kind of record, e.g. <c>message</c>.</param>
/// <param name="SubjectId">Which record (or <c>*</c> for a listing).</param>
/// <param name="Detail">Words; never the protected data itself.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string SubjectType, string SubjectId, string Detail)
{
    /// <summary>The portal session the access came through; null takes the one <see cref="IAuditOrigin"/> knows (none outside the portal).</summary>
    public string? Session { get; init; }

    /// <summary>The client's network address; null takes the one <see cref="IAuditOrigin"/> knows (<c>local</c> for the command line).</summary>
    public string? Address { get; init; }
}
