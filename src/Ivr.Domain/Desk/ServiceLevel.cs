using Ivr.Domain.Reports;

namespace Ivr.Domain.Desk;

/// <summary>
/// How well the desk answered, the way contracts measure it (e.g. 80 % within 20 s): SL is answered
/// within the target over answered; SL2 counts callers who gave up within the target as served too,
/// (answered within + abandoned within) over (answered + abandoned). The waits are those of answered
/// callers (the speed of answer), mean and 90th percentile by nearest rank, in seconds. Null where
/// nothing was measured.
/// </summary>
public sealed record ServiceLevel(int Offered, int Answered, int Abandoned, TimeSpan Target, double? Sl, double? Sl2, double? AverageWaitSeconds, double? P90WaitSeconds)
{
    public static ServiceLevel Of(IEnumerable<DeskOutcome> outcomes, TimeSpan target) => Of(outcomes, _ => target, target);

    /// <summary>
    /// The same over several practices, each caller measured against their own practice's target
    /// (<paramref name="targetOf"/> of the outcome's practice): a caller of a practice with a 20 s target
    /// answered after 25 s is late even when another practice's target is 30 s. <see cref="Target"/> is the
    /// target every outcome shares, or zero when they differ (or there are none).
    /// </summary>
    public static ServiceLevel Of(IEnumerable<DeskOutcome> outcomes, Func<string, TimeSpan> targetOf)
    {
        var all = outcomes.ToList();
        var targets = all.Select(o => targetOf(o.PracticeId)).Distinct().ToList();
        return Of(all, o => targetOf(o.PracticeId), targets.Count == 1 ? targets[0] : TimeSpan.Zero);
    }

    private static ServiceLevel Of(IEnumerable<DeskOutcome> outcomes, Func<DeskOutcome, TimeSpan> targetOf, TimeSpan target)
    {
        var all = outcomes.ToList();
        var answered = all.Where(o => o.Answered).ToList();
        var abandoned = all.Count - answered.Count;
        var answeredWithin = answered.Count(o => o.Waited <= targetOf(o));
        var abandonedWithin = all.Count(o => !o.Answered && o.Waited <= targetOf(o));
        var waits = answered.Select(o => Math.Max(0, o.Waited.TotalSeconds)).ToList();
        return new ServiceLevel(
            all.Count,
            answered.Count,
            abandoned,
            target,
            answered.Count == 0 ? null : (double)answeredWithin / answered.Count,
            all.Count == 0 ? null : (double)(answeredWithin + abandonedWithin) / all.Count,
            waits.Count == 0 ? null : waits.Average(),
            Percentiles.Of(waits, 90));
    }
}
