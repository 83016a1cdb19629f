using Ivr.Domain.Practices;

namespace Ivr.Domain.Desk;

/// <summary>A caller joining the desk's queue.</summary>
/// <param name="CallId">The caller's channel uniqueid (the desk's key for the call).</param>
/// <param name="CallRecordId">The call record's id.</param>
/// <param name="Practice">The practice they called.</param>
/// <param name="CallerNumber">Their caller id, if known (the operator may see it).</param>
/// <param name="Channel">Their Asterisk channel, so the desk can take them out of a timed wait the moment an operator answers.</param>
/// <param name="Room">Their conference room, where the operator joins them.</param>
/// <param name="Priority">Urgent lines go first.</param>
/// <param name="Path">What they did before reaching the desk, for the operator's screen.</param>
/// <param name="At">When they joined.</param>
/// <param name="Line">The line they wait on: the operators' or the nurses'.</param>
/// <param name="HandedIn">Handed here by another process's flow: never moved to another desk again (one hand-off a call).</param>
/// <param name="QueuedBefore">When a caller moved here from another process's queue first joined it: their place in this queue is by it.</param>
public sealed record DeskCaller(
    string CallId,
    long CallRecordId,
    PracticeProfile Practice,
    string? CallerNumber,
    string Channel,
    string Room,
    DeskPriority Priority,
    IReadOnlyList<DeskPathStep> Path,
    DateTimeOffset At,
    DeskLine Line = DeskLine.Operators,
    bool HandedIn = false,
    DateTimeOffset? QueuedBefore = null);
