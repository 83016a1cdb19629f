using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Live;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Live;

/// <summary>
/// The one way the portal reaches calls in progress: the supervisor and telecom admins see every
/// practice's, a practice admin their own practice's, clinicians none (403). The caller's number is
/// masked to its last digits, and left out for telecom admins, who see no patient data. Every page,
/// snapshot, stream and refusal is audited (a stream once, when it opens).
/// </summary>
public sealed class LiveAccess(ILiveCalls tracker, IAuditLog audit, TimeProvider time, ILogger<LiveAccess> logger)
{
    /// <summary>Opens the live view, audited as <paramref name="action"/> (<c>live.view</c>, <c>live.stream</c>).</summary>
    public async Task<LiveLookup> OpenAsync(PortalIdentity who, string action, CancellationToken cancellationToken = default)
    {
        if (!who.SeesLiveCalls)
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused the live view", who.Username, PortalRoles.Name(who.Role));
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "live.denied", "live", who.PracticeId ?? "*", $"refused {action}: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}"), cancellationToken);
            return new LiveLookup(LookupStatus.Denied);
        }

        var snapshot = View(who, tracker.Snapshot());
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "live", who.LivePractice ?? "*", $"{snapshot.Calls.Count} call(s) in progress of {who.LivePractice ?? "every practice"}"), cancellationToken);
        return new LiveLookup(LookupStatus.Found, snapshot);
    }

    /// <summary>What <paramref name="who"/> may see of a snapshot (call only after <see cref="OpenAsync"/> let them in).</summary>
    public static LiveSnapshot View(PortalIdentity who, LiveSnapshot snapshot) => snapshot with
    {
        Calls = snapshot.Calls
            .Where(c => who.CanSeeLiveCallOf(c.PracticeId))
            .Select(c => who.SeesPatientData ? c : c with { Caller = null })
            .ToArray(),
    };
}
