namespace Ivr.Domain.Desk;

/// <summary>How one caller's wait for the desk ended: answered by an operator or abandoned (hung up, or left for a message or the doctor), and after how long.</summary>
public sealed record DeskOutcome(string PracticeId, TimeSpan Waited, bool Answered);
