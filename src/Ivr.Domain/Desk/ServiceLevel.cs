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
    public static ServiceLevel Of(IEnumerable<DeskOutcome> outcomes, TimeSpan target)
    {
        var all = outcomes.ToList();
        var answered = all.Where(o => o.Answered).ToList();
        var abandoned = all.Count - answered.Count;
        var answeredWithin = answered.Count(o => o.Waited <= target);
        var abandonedWithin = all.Count(o => !o.Answered && o.Waited <= target);
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
