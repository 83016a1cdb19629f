namespace Ivr.Domain.Desk;

/// <summary>
/// The desk over a period: each practice's figures (practices whose callers reached the desk, by id), every
/// practice together, and operator occupancy (each operator's and all together).
/// </summary>
public sealed record DeskReport(
    IReadOnlyList<DeskFigures> Practices,
    DeskFigures Overall,
    IReadOnlyList<OperatorOccupancy> Operators,
    OperatorOccupancy AllOperators)
{
    /// <summary>
    /// Builds the report. <paramref name="calls"/> are the callers who joined the queue in the period (each
    /// practice's period in its own zone); <paramref name="targetOf"/> gives each practice's target;
    /// occupancy is counted over [<paramref name="from"/>, <paramref name="until"/>), <paramref name="until"/>
    /// being the end of the period or now, whichever comes first (time not lived yet is no time at the desk).
    /// </summary>
    public static DeskReport Build(
        IReadOnlyList<DeskCallFact> calls,
        Func<string, ServiceLevelTarget> targetOf,
        IReadOnlyList<OperatorStatusChange> changes,
        IReadOnlyList<DeskCallFact> handled,
        DateTimeOffset from,
        DateTimeOffset until)
    {
        var practices = calls.GroupBy(c => c.PracticeId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => DeskFigures.Of(g.Key, g, targetOf))
            .ToList();
        var (operators, all) = OperatorOccupancy.Of(changes, handled, from, until < from ? from : until);
        return new DeskReport(practices, DeskFigures.Of(null, calls, targetOf), operators, all);
    }
}
