namespace Ivr.Domain.Ehr;

/// <summary>A message's hand-off to its practice's EHR, as the database holds it (no patient data).</summary>
/// <param name="MessageId">The message.</param>
/// <param name="PracticeId">Its practice.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">How many tries have been made.</param>
/// <param name="NextAt">When the next try is due (pending only).</param>
/// <param name="Level">The level of the last result; null before the first try.</param>
/// <param name="Reference">What the EHR made (<c>Appointment/12</c>); null until delivered.</param>
/// <param name="Detail">The last result in words (the HTTP status, the OperationOutcome's issue codes).</param>
/// <param name="UpdatedAt">When the last try ended; null before the first.</param>
public sealed record EhrHandoff(long MessageId, string PracticeId, EhrHandoffState State, int Attempts, DateTimeOffset NextAt, EhrLevel? Level, string? Reference, string Detail, DateTimeOffset? UpdatedAt)
{
    /// <summary>What the message page and the inbox show: "EHR: proposed Appointment/12", "EHR: not yet delivered, trying again at ...", "EHR refused: HTTP 403"; empty when there is nothing to say.</summary>
    public string Line(Func<DateTimeOffset, string> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return State switch
        {
            EhrHandoffState.Delivered => $"EHR: {EhrHandoffs.Verb(Level)} {Reference}",
            EhrHandoffState.Refused => $"EHR refused: {Detail}",
            EhrHandoffState.Pending when Attempts > 0 => $"EHR: not yet delivered ({Detail}), trying again at {clock(NextAt)}",
            EhrHandoffState.Pending => "EHR: waiting to be sent",
            _ => string.Empty,
        };
    }
}
