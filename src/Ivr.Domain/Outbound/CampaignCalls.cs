namespace Ivr.Domain.Outbound;

/// <summary>
/// Closes a campaign call's attempt and moves its patient on, by the campaign's rules of progress
/// (<see cref="CampaignProgress"/>): the one way an attempt ends, whether the dialler (nobody answered) or the voice
/// script (a person or a machine) ends it. An opt-out is kept for the practice before anything else.
/// </summary>
public sealed class CampaignCalls(ICampaignStore store, TimeProvider time)
{
    /// <summary>Closes the attempt with <paramref name="result"/>; false when it was closed already (the first result stands).</summary>
    public async Task<bool> FinishAsync(long attemptId, AttemptResult result, string detail, CancellationToken cancellationToken = default)
    {
        var attempt = await store.AttemptAsync(attemptId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No campaign attempt {attemptId}.");
        if (attempt.EndedAt is not null)
        {
            return false;
        }

        var patient = await store.PatientAsync(attempt.PatientId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Campaign attempt {attemptId} has no patient.");
        var campaign = await store.GetAsync(attempt.CampaignId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Campaign attempt {attemptId} has no campaign.");
        var now = time.GetUtcNow();
        if (result == AttemptResult.OptedOut)
        {
            await store.OptOutAsync(campaign.PracticeId, patient.Patient.Phone, now, CancellationToken.None).ConfigureAwait(false);
        }

        var next = CampaignProgress.After(result, Math.Max(1, patient.Attempts), campaign.Retry, now);
        return await store.FinishAttemptAsync(attemptId, result, detail, now, next, CancellationToken.None).ConfigureAwait(false);
    }
}
