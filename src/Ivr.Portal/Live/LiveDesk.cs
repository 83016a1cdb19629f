using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;

namespace Ivr.Portal.Live;

/// <summary>
/// The operator desk in the live view: callers waiting (in the desk's order), when the longest-waiting
/// one joined, and every operator at the desk. <see cref="Running"/> is false in a host without the desk
/// (the portal alone): then nothing else is said. No patient data: callers are their call ids and practices. Users of
/// every practice also see how many callers wait at other service processes' desks (the shared queue), and since when.
/// </summary>
public sealed record LiveDesk(
    bool Running,
    long Version,
    IReadOnlyList<LiveDeskCaller> Waiting,
    DateTimeOffset? LongestWaitingSince,
    IReadOnlyList<LiveDeskOperator> Operators,
    int ElsewhereWaiting = 0,
    DateTimeOffset? ElsewhereLongestSince = null)
{
    public static LiveDesk NotRunning { get; } = new(false, -1, [], null, []);

    /// <summary>
    /// What <paramref name="who"/> may see of <paramref name="floor"/>: users of every practice all of it; a
    /// practice admin their practice's callers, and the operators with only the calls of their practice (not the
    /// callers at other processes, whose practices the shared queue does not say).
    /// </summary>
    public static LiveDesk Of(PortalIdentity who, DeskFloor floor, IReadOnlyDictionary<string, string> names)
    {
        string Name(string practiceId) => names.GetValueOrDefault(practiceId) ?? practiceId;
        var waiting = floor.Waiting
            .Where(w => who.CanSeeLiveCallOf(w.PracticeId))
            .Select(w => new LiveDeskCaller(w.CallId, w.PracticeId, Name(w.PracticeId), w.Priority, w.QueuedAt, w.OfferedTo, w.Line))
            .ToList();
        var operators = floor.Operators
            .Select(o => who.CanSeeLiveCallOf(o.PracticeId) && o.PracticeId is not null
                ? new LiveDeskOperator(o.Operator, o.Status, o.Reason, o.Since, o.CallId, o.PracticeId, Name(o.PracticeId), o.Line)
                : new LiveDeskOperator(o.Operator, o.Status, o.Reason, o.Since, null, null, null, o.Line))
            .ToList();
        var everyPractice = who.LivePractice is null;
        return new LiveDesk(
            true,
            floor.Version,
            waiting,
            waiting.Count == 0 ? null : waiting.Min(w => w.QueuedAt),
            operators,
            everyPractice ? floor.ElsewhereWaiting : 0,
            everyPractice ? floor.ElsewhereLongestSince : null);
    }
}
