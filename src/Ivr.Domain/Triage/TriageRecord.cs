namespace Ivr.Domain.Triage;

/// <summary>A kept triage: its pathway (patient data, encrypted at rest), the call it belongs to, and the physician's review of a downgrade.</summary>
public sealed record TriageRecord
{
    public long Id { get; init; }

    public required long CallRecordId { get; init; }

    /// <summary>The message the triage belongs to, when one was taken.</summary>
    public long? MessageId { get; init; }

    public required string PracticeId { get; init; }

    public required TriagePathway Pathway { get; init; }

    /// <summary>When the on-call physician reviewed a downgrade (null until then, and for triages that need none).</summary>
    public DateTimeOffset? ReviewedAt { get; init; }

    public string? ReviewedBy { get; init; }
}
