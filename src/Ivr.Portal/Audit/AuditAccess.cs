using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Audit;

/// <summary>
/// The one way the portal reaches the audit log: the supervisor only (it names who read which
/// patient's message, across every practice). Every search and every refusal is itself audited.
/// </summary>
public sealed class AuditAccess(IAuditTrail trail, IAuditLog audit, TimeProvider time, ILogger<AuditAccess> logger)
{
    /// <summary>Rows on one page.</summary>
    public const int PageSize = 50;

    /// <summary>Page <paramref name="page"/> (from 1) of the rows matching <paramref name="query"/>, newest first.</summary>
    public async Task<AuditLookup> SearchAsync(PortalIdentity who, AuditQuery query, int page, CancellationToken cancellationToken = default)
    {
        if (who.Role != PortalRole.Supervisor)
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused the audit log", who.Username, PortalRoles.Name(who.Role));
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "audit.denied", "audit", "*", $"refused audit.view: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}"), cancellationToken);
            return new AuditLookup(LookupStatus.Denied);
        }

        var total = await trail.CountAsync(query, cancellationToken);
        var rows = await trail.QueryAsync(query, (Math.Max(page, 1) - 1) * PageSize, PageSize, newestFirst: true, cancellationToken: cancellationToken);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "audit.view", "audit", "*", $"{Describe(query)}, page {page}: {total} row(s)"), cancellationToken);
        return new AuditLookup(LookupStatus.Found, rows, total);
    }

    private static string Describe(AuditQuery query)
    {
        var parts = new List<string>();
        if (query.Actor is { Length: > 0 } actor)
        {
            parts.Add("who " + actor);
        }

        if (query.MessageId is { } message)
        {
            parts.Add("message " + message.ToString(CultureInfo.InvariantCulture));
        }

        if (query.PracticeId is { Length: > 0 } practice)
        {
            parts.Add("practice " + practice);
        }

        if (query.Action is { Length: > 0 } action)
        {
            parts.Add("action " + action);
        }

        if (query.From is { } from)
        {
            parts.Add("from " + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.Until is { } until)
        {
            parts.Add("until " + until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "every row" : string.Join(", ", parts);
    }
}
