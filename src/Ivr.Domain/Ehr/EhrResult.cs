namespace Ivr.Domain.Ehr;

/// <summary>What one try to reach the EHR came to.</summary>
public enum EhrOutcome
{
    /// <summary>The EHR took it; <see cref="EhrResult.Reference"/> names what it made.</summary>
    Done,

    /// <summary>A booking found its slot taken meanwhile: offer the next one.</summary>
    SlotTaken,

    /// <summary>The EHR was down, slow, or refused for a reason that may pass (5xx, 429, a timeout, a refused connection): try again later.</summary>
    TryAgain,

    /// <summary>The EHR refused for good (403 by its policy, a 401 even with a fresh token, an OperationOutcome on another 4xx): the practice must act.</summary>
    Refused,
}

/// <summary>The result of a hand-off or a booking, kept on the message's record and shown in the portal.</summary>
/// <param name="Outcome">What came of it.</param>
/// <param name="Level">The level it was made at.</param>
/// <param name="Reference">The resource the EHR made (<c>Appointment/123</c>, <c>Communication/9</c>); null unless done.</param>
/// <param name="Detail">Why, in words with no patient data (the HTTP status, the OperationOutcome's issue codes).</param>
public sealed record EhrResult(EhrOutcome Outcome, EhrLevel Level, string? Reference, string Detail);
