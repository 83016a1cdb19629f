using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Triage;

/// <summary>
/// A triage as the nurse's screen draws it (<c>GET /api/triage</c>, and the answer to every step): the call and
/// its card, the protocols used with their answers, the question to ask now, the dispositions, the override,
/// the note, and once finished what was saved. Patient data: only the nurse working it (or the supervisor) reads it.
/// </summary>
public sealed record TriageStateJson(
    long CallRecordId,
    string PracticeId,
    string PracticeName,
    DeskCard? Card,
    bool Started,
    IReadOnlyList<TriageUsedJson> Protocols,
    TriageCurrentJson? Current,
    DispositionJson? Computed,
    DispositionJson? Final,
    TriageOverrideJson? Override,
    string Note,
    TriageFinishedJson? Finished)
{
    /// <summary>
    /// The state of <paramref name="draft"/> (null: the nurse has not started one for the call); dispositions say what
    /// they do under the practice's <paramref name="settings"/> (the defaults for null).
    /// </summary>
    public static TriageStateJson Of(long callRecordId, string practiceId, string practiceName, DeskCard? card, TriageDraft? draft, TriageSettings? settings = null)
    {
        if (draft is null)
        {
            return new(callRecordId, practiceId, practiceName, card, false, [], null, null, null, null, string.Empty, null);
        }

        var session = draft.Session;
        var used = draft.Pathway?.Protocols ?? session.Protocols;
        TriageCurrentJson? current = null;
        if (draft.Pathway is null && session.Current is { } protocol)
        {
            var answered = used[^1].Answers.Count;
            var question = session.CurrentQuestion is { } q ? new TriageQuestionJson(q.Id, q.Text, answered + 1, protocol.Questions.Count) : null;
            current = new TriageCurrentJson(protocol.Id, protocol.Version, protocol.Title, protocol.IsExample, question, DispositionJson.Of(session.CurrentDisposition, settings), session.CurrentCareAdvice);
        }

        var computed = draft.Pathway?.Computed ?? session.Computed;
        var final = draft.Pathway?.Final ?? session.Final;
        var moved = draft.Pathway is null ? session.Override : draft.Pathway.Override;
        return new(
            callRecordId,
            practiceId,
            practiceName,
            card,
            true,
            [.. used.Select(TriageUsedJson.Of)],
            current,
            DispositionJson.Of(computed, settings),
            DispositionJson.Of(final, settings),
            moved is null ? null : new TriageOverrideJson(Code(moved.From), Code(moved.To), moved.Direction == OverrideDirection.Up ? "up" : "down", moved.Reason, moved.By, moved.NeedsPhysicianReview),
            draft.Pathway?.Note ?? draft.Note,
            draft.Finished is { } done ? new TriageFinishedJson(done.TriageId, done.MessageId, Word(done.Urgency), DispositionJson.Of(done.Final, settings)!, done.NeedsPhysicianReview, done.At) : null);
    }

    private static string Code(Disposition disposition) => Dispositions.Code(disposition);

    internal static string Word(Urgency urgency) => urgency == Urgency.Urgent ? "urgent" : "routine";
}

/// <summary>
/// A rung of the ladder: its code, its words, whether finishing on it pages now (urgent) or waits for the morning
/// (routine), and its actions in the practice file's words, under the practice's settings (the defaults for null).
/// </summary>
public sealed record DispositionJson(string Code, string Words, string Urgency, IReadOnlyList<string> Actions)
{
    public static DispositionJson? Of(Disposition? disposition, TriageSettings? settings = null) => disposition is { } d
        ? new(
            Dispositions.Code(d),
            Dispositions.Words(d),
            TriageStateJson.Word(TriageFinish.UrgencyOf(d, settings)),
            TriageActionRules.Names((settings ?? TriageSettings.Default).ActionsFor(d)))
        : null;
}

/// <summary>A protocol used in this triage, with the answers given.</summary>
public sealed record TriageUsedJson(string Id, string Version, string Title, bool Example, IReadOnlyList<TriageAnsweredJson> Answers, DispositionJson? Reached, string CareAdvice)
{
    public static TriageUsedJson Of(PathwayProtocol p) =>
        new(p.Id, p.Version, p.Title, p.IsExample, [.. p.Answers.Select(a => new TriageAnsweredJson(a.QuestionId, a.Question, a.Yes))], DispositionJson.Of(p.Reached), p.CareAdvice);
}

public sealed record TriageAnsweredJson(string Id, string Question, bool Yes);

/// <summary>The protocol being worked: the question to ask now (null once it reached its disposition), the disposition and care advice to read.</summary>
public sealed record TriageCurrentJson(string Id, string Version, string Title, bool Example, TriageQuestionJson? Question, DispositionJson? Reached, string CareAdvice);

/// <summary>The question to ask, and which of how many it is.</summary>
public sealed record TriageQuestionJson(string Id, string Text, int Number, int Of);

public sealed record TriageOverrideJson(string From, string To, string Direction, string Reason, string By, bool NeedsPhysicianReview);

public sealed record TriageFinishedJson(long TriageId, long MessageId, string Urgency, DispositionJson Final, bool NeedsPhysicianReview, DateTimeOffset At);

/// <summary>A protocol the search found.</summary>
public sealed record ProtocolFoundJson(string Id, string Version, string Title, string Audience, bool Example)
{
    public static ProtocolFoundJson Of(TriageProtocol p) => new(p.Id, p.Version, p.Title, p.Audience == ProtocolAudience.Adult ? "adult" : "pediatric", p.IsExample);
}
