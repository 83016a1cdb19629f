namespace Ivr.Domain.Outbound;

/// <summary>
/// How a campaign keeps trying a patient who has not confirmed: at most <see cref="MaxAttempts"/> calls, each retry
/// after the next wait of <see cref="Waits"/> (the last one repeating); the calling policy then puts each retry
/// inside the patient's window and caps. Defaults: six calls, 30 minutes, 2 hours, then a day.
/// </summary>
public sealed record RetryRules
{
    public static RetryRules Default { get; } = new();

    public int MaxAttempts { get; init; } = 6;

    public IReadOnlyList<TimeSpan> Waits { get; init; } = [TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromDays(1)];

    /// <summary>The wait before retry number <paramref name="retry"/> (1 is the first retry).</summary>
    public TimeSpan WaitBefore(int retry) => Waits[Math.Clamp(retry - 1, 0, Waits.Count - 1)];
}
