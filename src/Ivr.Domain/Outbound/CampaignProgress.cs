namespace Ivr.Domain.Outbound;

/// <summary>
/// What follows an attempt for its patient: done (confirmed, rescheduled, opted out, handed to the office), or called
/// again no earlier than <see cref="RetryAfter"/> (the calling policy may hold it later), or out of attempts
/// (exhausted, which goes on the practice's unconfirmed list so nobody is missed silently).
/// </summary>
public sealed record PatientNext(PatientProgress Progress, DateTimeOffset? RetryAfter)
{
    public bool Done => RetryAfter is null;
}

/// <summary>The campaign's rules of progress: a pure function of an attempt's result and how many calls were made.</summary>
public static class CampaignProgress
{
    /// <param name="result">How the attempt ended.</param>
    /// <param name="attemptsMade">Calls made to the patient so far, this one included.</param>
    /// <param name="rules">The campaign's retry rules.</param>
    /// <param name="endedAt">When the attempt ended.</param>
    public static PatientNext After(AttemptResult result, int attemptsMade, RetryRules rules, DateTimeOffset endedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        var still = result switch
        {
            AttemptResult.Confirmed => PatientProgress.Confirmed,
            AttemptResult.Rescheduled => PatientProgress.Rescheduled,
            AttemptResult.OptedOut => PatientProgress.OptedOut,
            AttemptResult.NeedsOfficeCall => PatientProgress.NeedsOfficeCall,
            AttemptResult.VoicemailLeft => PatientProgress.VoicemailLeft,
            _ => PatientProgress.Trying,
        };
        if (still is not (PatientProgress.Trying or PatientProgress.VoicemailLeft))
        {
            return new PatientNext(still, null);
        }

        return attemptsMade >= rules.MaxAttempts
            ? new PatientNext(PatientProgress.Exhausted, null)
            : new PatientNext(still, endedAt + rules.WaitBefore(attemptsMade));
    }

    /// <summary>A campaign ends when nobody on it is still to be called or called again.</summary>
    public static bool Finished(IEnumerable<PatientProgress> patients) =>
        patients.All(p => p is not (PatientProgress.Waiting or PatientProgress.Trying or PatientProgress.VoicemailLeft));

    /// <summary>Those the practice must hear about when the campaign ends: not confirmed by any way.</summary>
    public static bool Unconfirmed(PatientProgress progress) =>
        progress is PatientProgress.Exhausted or PatientProgress.NeedsOfficeCall or PatientProgress.Trying or PatientProgress.VoicemailLeft or PatientProgress.Waiting;
}
