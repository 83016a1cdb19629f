namespace Ivr.Domain.Calls;

/// <summary>The record every call leaves, for the practice's review and for billing.</summary>
public sealed record CallRecord
{
    public long Id { get; init; }

    /// <summary>Asterisk's uniqueid of the caller's channel.</summary>
    public required string UniqueId { get; init; }

    public required string PracticeId { get; init; }

    public required string DialedNumber { get; init; }

    /// <summary>Caller id number (protected health information: encrypted at rest).</summary>
    public string? CallerId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How the call ended, e.g. <c>message-taken</c>, <c>connected</c>, <c>caller-hung-up</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Plain-words detail of the outcome (never patient data), e.g. "connected to clinician dr-lee".</summary>
    public string? OutcomeDetail { get; init; }

    /// <summary>Answered time in whole seconds (billing rounds per the practice's rule; see docs).</summary>
    public int BillableSeconds { get; init; }

    /// <summary>The practice's coverage mode when the call arrived (after-hours, overflow, 24/7).</summary>
    public string? CoverageMode { get; init; }

    /// <summary>Why the call went where it went: the coverage rule that decided (holiday, hours, closure).</summary>
    public string? RouteReason { get; init; }
}
