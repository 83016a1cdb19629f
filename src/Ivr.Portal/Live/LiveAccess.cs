using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Domain.Live;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Live;

/// <summary>
/// The one way the portal reaches calls in progress: the supervisor and telecom admins see every
/// practice's, a practice admin their own practice's, clinicians none (403). The caller's number is
/// masked to its last digits, and left out for telecom admins, who see no patient data. Every page,
/// snapshot, stream and refusal is audited (a stream once, when it opens). The operator desk comes with
/// the calls when the host runs one (<paramref name="board"/>; none in a portal-only host).
/// </summary>
public sealed class LiveAccess(ILiveCalls tracker, IPracticeStore practices, IAuditLog audit, TimeProvider time, ILogger<LiveAccess> logger, IDeskBoard? board = null)
{
    /// <summary>The desk the live view shows; null when the host runs none.</summary>
    public IDeskBoard? Board => board;

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
        var names = await PracticeNamesAsync(cancellationToken);
        var desk = Desk(who, names);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, action, "live", who.LivePractice ?? "*", $"{snapshot.Calls.Count} call(s) in progress of {who.LivePractice ?? "every practice"}"), cancellationToken);
        return new LiveLookup(LookupStatus.Found, snapshot, desk, names);
    }

    /// <summary>The practices' names by id, for the desk's callers.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PracticeNamesAsync(CancellationToken cancellationToken = default) =>
        (await practices.ListAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);

    /// <summary>What <paramref name="who"/> may see of the desk now (call only after <see cref="OpenAsync"/> let them in).</summary>
    public LiveDesk Desk(PortalIdentity who, IReadOnlyDictionary<string, string> names) =>
        board is null ? LiveDesk.NotRunning : LiveDesk.Of(who, board.Floor(), names);

    /// <summary>What <paramref name="who"/> may see of a snapshot (call only after <see cref="OpenAsync"/> let them in).</summary>
    public static LiveSnapshot View(PortalIdentity who, LiveSnapshot snapshot) => snapshot with
    {
        Calls = snapshot.Calls
            .Where(c => who.CanSeeLiveCallOf(c.PracticeId))
            .Select(c => who.SeesPatientData ? c : c with { Caller = null })
            .ToArray(),
    };
}
