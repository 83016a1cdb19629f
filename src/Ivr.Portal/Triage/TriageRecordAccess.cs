using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Triage;

/// <summary>
/// The one way the portal reads a kept triage's pathway (patient data): the supervisor any; the practice's admins and
/// clinicians their own practice's; a nurse the triages she made (nurses answer for every practice, so their own work
/// is what they need, as an operator sees a caller only while on the call); nobody else. Every read is audited as
/// <c>triage.view</c> and every refusal as <c>triage.denied</c>, on the triage, as <c>ivr triage show</c> does: the
/// detail names the practice and the call, never a protocol, question, answer, reason or note.
/// </summary>
public sealed class TriageRecordAccess(ITriageRecordStore records, IPracticeStore practices, IAuditLog audit, TimeProvider time, ILogger<TriageRecordAccess> logger)
{
    /// <summary>Whether <paramref name="who"/> may read a triage of <paramref name="practiceId"/> that <paramref name="nurse"/> made.</summary>
    public static bool MayRead(PortalIdentity who, string practiceId, string nurse)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.Role == PortalRole.Nurse
            ? string.Equals(who.Username, nurse, StringComparison.Ordinal)
            : who.CanSeePractice(practiceId);
    }

    /// <summary>Triage <paramref name="id"/> for <paramref name="who"/>, audited either way; not found is not audited (nothing was read).</summary>
    public async Task<TriageRecordLookup> OpenAsync(PortalIdentity who, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var record = await records.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return new TriageRecordLookup(LookupStatus.NotFound);
        }

        var subject = id.ToString(CultureInfo.InvariantCulture);
        if (!MayRead(who, record.PracticeId, record.Pathway.Nurse))
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused triage {TriageId}", who.Username, PortalRoles.Name(who.Role), id);
            var why = who.Role == PortalRole.Nurse ? "another nurse's triage" : $"{PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, triage of {record.PracticeId}";
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.denied", "triage", subject, $"refused view: {why}"), cancellationToken);
            return new TriageRecordLookup(LookupStatus.Denied);
        }

        await audit.RecordAsync(
            new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.view", "triage", subject, Invariant($"pathway viewed: {record.PracticeId}, call {record.CallRecordId}")),
            cancellationToken);
        return new TriageRecordLookup(LookupStatus.Found, record, await practices.GetAsync(record.PracticeId, cancellationToken));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
