namespace Ivr.Domain.Dispatch;

/// <summary>How a page ended: acknowledged, heard, no-response, no-answer, busy, failed, cancelled.</summary>
public sealed record PageOutcome(string Outcome, string Detail)
{
    public bool Acknowledged => Outcome == "acknowledged";
}
