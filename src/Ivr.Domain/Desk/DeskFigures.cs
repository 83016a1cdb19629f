namespace Ivr.Domain.Desk;

/// <summary>
/// How the desk served one practice's callers (or every practice's) over a period. Every caller who joined
/// the queue was offered; of them some were answered, some abandoned (hung up while queued), some left
/// after the maximum hold for a message or the doctor, some went to the safety net, and the rest still
/// wait. SL and SL2 are <see cref="ServiceLevel"/>'s over the answered and abandoned callers only: a caller
/// who chose a message or the doctor was neither served by an operator nor gave up.
/// </summary>
/// <param name="PracticeId">The practice; null for every practice together.</param>
/// <param name="Target">The practice's target; null for every practice together (each caller against their own practice's).</param>
/// <param name="Offered">Callers who joined the queue.</param>
/// <param name="Answered">Answered by an operator.</param>
/// <param name="Abandoned">Hung up while queued.</param>
/// <param name="LeftForMessage">Chose a message after the maximum hold.</param>
/// <param name="LeftForDoctor">Chose the on-call doctor after the maximum hold.</param>
/// <param name="SafetyNet">Went to the dialplan's safety net when the service stopped.</param>
/// <param name="Sl">Answered within the target over answered; null without answered callers.</param>
/// <param name="Sl2">Answered and abandoned within the target over answered and abandoned; null without either.</param>
/// <param name="AverageWaitSeconds">Mean wait of answered callers.</param>
/// <param name="P90WaitSeconds">90th percentile wait of answered callers, by nearest rank.</param>
public sealed record DeskFigures(
    string? PracticeId,
    ServiceLevelTarget? Target,
    int Offered,
    int Answered,
    int Abandoned,
    int LeftForMessage,
    int LeftForDoctor,
    int SafetyNet,
    double? Sl,
    double? Sl2,
    double? AverageWaitSeconds,
    double? P90WaitSeconds)
{
    /// <summary>
    /// The figures of <paramref name="calls"/>: of one practice (<paramref name="practiceId"/>, measured against its
    /// <paramref name="targetOf"/>) or, when <paramref name="practiceId"/> is null, of them all, each caller measured
    /// against their own practice's target.
    /// </summary>
    public static DeskFigures Of(string? practiceId, IEnumerable<DeskCallFact> calls, Func<string, ServiceLevelTarget> targetOf)
    {
        var all = calls.ToList();
        var outcomes = all.Select(c => c.Outcome).OfType<DeskOutcome>().ToList();
        var level = ServiceLevel.Of(outcomes, id => targetOf(id).Within);
        int Left(DeskLeave how) => all.Count(c => c.AnsweredAt is null && c.LeftHow == how);
        return new DeskFigures(
            practiceId,
            practiceId is null ? null : targetOf(practiceId),
            all.Count,
            level.Answered,
            level.Abandoned,
            Left(DeskLeave.Message),
            Left(DeskLeave.Doctor),
            Left(DeskLeave.SafetyNet),
            level.Sl,
            level.Sl2,
            level.AverageWaitSeconds,
            level.P90WaitSeconds);
    }

    /// <summary>Whether SL reached the practice's percent; null without a single target or without answered callers.</summary>
    public bool? MetTarget => Target is { } target && Sl is { } sl ? sl * 100 >= target.Percent : null;
}
