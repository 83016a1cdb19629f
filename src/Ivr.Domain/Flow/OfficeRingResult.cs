namespace Ivr.Domain.Flow;

/// <summary>What happened when the office line was rung first.</summary>
public enum OfficeRingResult
{
    /// <summary>The office answered and the call has ended there.</summary>
    Answered,

    NoAnswer,

    /// <summary>Busy, or every office line in use.</summary>
    Busy,

    /// <summary>The office line could not be reached (congestion, unavailable).</summary>
    Unavailable,
}
