using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>
/// A downgraded triage on the physician's review list: when, which nurse, the computed and the final disposition,
/// the override (its direction, reason, who and when) and the review (null until someone marks it). The reason is
/// patient data: the read is audited.
/// </summary>
public sealed record TriageReviewJson(
    long TriageId,
    string PracticeId,
    long CallRecordId,
    long? MessageId,
    DateTimeOffset CompletedAt,
    string Nurse,
    DispositionJson Computed,
    DispositionJson Final,
    string? Direction,
    string? Reason,
    string? OverriddenBy,
    DateTimeOffset? OverriddenAt,
    bool NeedsPhysicianReview,
    DateTimeOffset? ReviewedAt,
    string? ReviewedBy)
{
    public static TriageReviewJson Of(TriageRecord record)
    {
        var pathway = record.Pathway;
        var moved = pathway.Override;
        return new(
            record.Id,
            record.PracticeId,
            record.CallRecordId,
            record.MessageId,
            pathway.CompletedAt,
            pathway.Nurse,
            DispositionJson.Of(pathway.Computed)!,
            DispositionJson.Of(pathway.Final)!,
            moved is null ? null : moved.Direction == OverrideDirection.Down ? "down" : "up",
            moved?.Reason,
            moved?.By,
            moved?.At,
            pathway.NeedsPhysicianReview,
            record.ReviewedAt,
            record.ReviewedBy);
    }
}
