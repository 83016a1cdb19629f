using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Calls;

/// <summary>
/// The one way the portal reaches call records: practice staff see their practice's calls, the
/// supervisor and telecom admins every practice's, and only roles that see patient data see who
/// called. Every list, view and refusal is audited.
/// </summary>
public sealed class CallAccess(ICallRecordStore calls, IAuditLog audit, TimeProvider time, ILogger<CallAccess> logger)
{
    public async Task<IReadOnlyList<CallRecord>> SearchAsync(PortalIdentity who, DateTimeOffset? from, DateTimeOffset? until, string? outcome, CancellationToken cancellationToken = default)
    {
        if (!who.SeesCalls)
        {
            return [];
        }

        var found = await calls.SearchAsync(new CallQuery(who.CallsPractice, from, until, string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim()), cancellationToken);
        var visible = found.Where(c => who.CanSeeCallsOf(c.PracticeId)).Select(c => Mask(who, c)).ToArray();
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "call.list", "call", "*", $"{visible.Length} call(s) of {who.CallsPractice ?? "every practice"}"), cancellationToken);
        return visible;
    }

    public async Task<CallLookup> OpenAsync(PortalIdentity who, long id, CancellationToken cancellationToken = default)
    {
        var call = await calls.GetAsync(id, cancellationToken);
        if (call is null)
        {
            return new CallLookup(LookupStatus.NotFound);
        }

        var subject = id.ToString(CultureInfo.InvariantCulture);
        if (!who.CanSeeCallsOf(call.PracticeId))
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused call {CallId} of another practice", who.Username, PortalRoles.Name(who.Role), id);
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "call.denied", "call", subject, $"refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, call of {call.PracticeId}"), cancellationToken);
            return new CallLookup(LookupStatus.Denied);
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "call.view", "call", subject, $"{call.PracticeId}, {call.Outcome ?? "in progress"}"), cancellationToken);
        return new CallLookup(LookupStatus.Found, Mask(who, call));
    }

    private static CallRecord Mask(PortalIdentity who, CallRecord call) => who.SeesPatientData ? call : call with { CallerId = null };
}
