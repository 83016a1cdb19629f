using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;

namespace Ivr.Portal.Triage;

/// <summary>
/// The one way the portal reaches the physician's review list: a nurse's downward override waits there until a
/// clinician of the practice (or the supervisor) marks it reviewed. Everyone else is refused (403, audited as
/// <c>triage.review-denied</c>). The list shows the override's reason, which is patient data, so every read is
/// audited (<c>triage.review-list</c>) as message reads are, and so is every mark
/// (<c>triage.review</c>), with who and when and never what the triage says.
/// </summary>
public sealed class TriageReviewAccess(ITriageRecordStore records, IPracticeStore practices, IAuditLog audit, TimeProvider time, ILogger<TriageReviewAccess> logger)
{
    /// <summary>
    /// The downgrades awaiting review, oldest first: of <paramref name="practiceId"/>, or when null of the clinician's
    /// own practice (the supervisor: of every practice). Null when refused (audited).
    /// </summary>
    public async Task<IReadOnlyList<TriageRecord>?> AwaitingAsync(PortalIdentity who, string? practiceId, CancellationToken cancellationToken = default)
    {
        if (!who.ReviewsTriage || (practiceId is not null && !who.CanReviewTriageOf(practiceId)))
        {
            await DenyAsync(who, "*", $"list of {practiceId ?? "their practice"} refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}", cancellationToken);
            return null;
        }

        IEnumerable<string> of = practiceId is not null ? [practiceId]
            : who.Role == PortalRole.Supervisor ? (await practices.ListAsync(cancellationToken)).Select(p => p.Id)
            : [who.PracticeId!];
        var awaiting = new List<TriageRecord>();
        foreach (var practice in of)
        {
            awaiting.AddRange(await records.AwaitingReviewAsync(practice, cancellationToken));
        }

        // The store filtered by practice already; checking again keeps a store bug from leaking another practice.
        var shown = awaiting.Where(r => who.CanReviewTriageOf(r.PracticeId)).OrderBy(r => r.Pathway.CompletedAt).ThenBy(r => r.Id).ToList();
        var scope = practiceId ?? (who.Role == PortalRole.Supervisor ? "every practice" : who.PracticeId);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.review-list", "triage", "*", Invariant($"{shown.Count} triage(s) awaiting review of {scope}")), cancellationToken);
        return shown;
    }

    /// <summary>
    /// The review state of the triage a message came from (for the message's page, whose read is audited as the
    /// message's): null when the message is no triage's, or the user may not see its practice.
    /// </summary>
    public async Task<TriageRecord?> ForMessageAsync(PortalIdentity who, long callRecordId, long messageId, CancellationToken cancellationToken = default)
    {
        var record = (await records.ForCallAsync(callRecordId, cancellationToken)).FirstOrDefault(r => r.MessageId == messageId);
        return record is not null && who.CanSeePractice(record.PracticeId) ? record : null;
    }

    /// <summary>Marks a downgraded triage reviewed by <paramref name="who"/> now; a second mark changes nothing and says who did it first.</summary>
    public async Task<(TriageReviewStatus Status, TriageRecord? Record)> MarkReviewedAsync(PortalIdentity who, long id, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync(id, cancellationToken);
        var subject = id.ToString(CultureInfo.InvariantCulture);
        if (record is null)
        {
            return (TriageReviewStatus.NotFound, null);
        }

        if (!who.CanReviewTriageOf(record.PracticeId))
        {
            await DenyAsync(who, subject, $"review refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, triage of {record.PracticeId}", cancellationToken);
            return (TriageReviewStatus.Denied, null);
        }

        if (!record.Pathway.NeedsPhysicianReview)
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.review", "triage", subject, "nothing to review: not a downgrade"), cancellationToken);
            return (TriageReviewStatus.NotNeeded, record);
        }

        var at = time.GetUtcNow();
        if (await records.MarkReviewedAsync(id, who.Actor, at, cancellationToken))
        {
            await audit.RecordAsync(new AuditEntry(at, who.AuditActor, "triage.review", "triage", subject, $"downgrade reviewed by {who.Actor}"), cancellationToken);
            logger.LogInformation("Triage {TriageId} of {PracticeId}: downgrade reviewed by {Reviewer}", id, record.PracticeId, who.Actor);
            return (TriageReviewStatus.Reviewed, record with { ReviewedAt = at, ReviewedBy = who.Actor });
        }

        var first = await records.GetAsync(id, cancellationToken) ?? record;
        await audit.RecordAsync(new AuditEntry(at, who.AuditActor, "triage.review", "triage", subject, $"already reviewed by {first.ReviewedBy}: nothing changed"), cancellationToken);
        return (TriageReviewStatus.AlreadyReviewed, first);
    }

    private async Task DenyAsync(PortalIdentity who, string subject, string detail, CancellationToken cancellationToken)
    {
        logger.LogWarning("Portal user {Username} ({Role}) was refused the triage review list", who.Username, PortalRoles.Name(who.Role));
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "triage.review-denied", "triage", subject, detail), cancellationToken);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
