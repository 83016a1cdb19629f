namespace Ivr.Domain.Triage;

/// <summary>One question asked and its answer, as kept on the pathway (the words as the nurse read them, for that version).</summary>
public sealed record PathwayAnswer(string QuestionId, string Question, bool Yes, DateTimeOffset At);
