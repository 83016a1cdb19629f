namespace Ivr.Domain.Flow;

/// <summary>The stable words of <see cref="CallOutcome"/>, as call records store them and the portal and CLI show them.</summary>
public static class CallOutcomes
{
    public static string Word(CallOutcome outcome) => outcome switch
    {
        CallOutcome.MessageTaken => "message-taken",
        CallOutcome.Connected => "connected",
        CallOutcome.OfficeAnswered => "office-answered",
        CallOutcome.CallerHungUp => "caller-hung-up",
        CallOutcome.Failed => "failed",
        CallOutcome.SafetyNet => "safety-net",
        CallOutcome.NoAgreement => "no-agreement",
        CallOutcome.OperatorHandled => "operator",
        CallOutcome.HandedOver => "handed-over",
        _ => "unknown",
    };

    /// <summary>The outcome a stored word stands for; false for a word no outcome has.</summary>
    public static bool TryParse(string? word, out CallOutcome outcome)
    {
        foreach (var candidate in Enum.GetValues<CallOutcome>())
        {
            if (Word(candidate) == word)
            {
                outcome = candidate;
                return true;
            }
        }

        outcome = CallOutcome.Unknown;
        return false;
    }
}
