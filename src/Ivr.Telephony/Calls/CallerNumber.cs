namespace Ivr.Telephony.Calls;

/// <summary>
/// A caller's number is patient data: these are the only forms it leaves the call record in. Logs
/// keep its last two digits; the live view shows the last four (two for a short number), as a
/// caller-id display would.
/// </summary>
public static class CallerNumber
{
    /// <summary>For logs: every digit but the last two starred out.</summary>
    public static string ForLog(string? number) =>
        string.IsNullOrEmpty(number) ? "(none)" : number.Length <= 2 ? "**" : new string('*', number.Length - 2) + number[^2..];

    /// <summary>For the live view: <c>···4567</c>; null when Asterisk has no number (withheld, <c>&lt;unknown&gt;</c>, anonymous).</summary>
    public static string? ForDisplay(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return null;
        }

        var kept = digits.Length >= 7 ? 4 : digits.Length >= 3 ? 2 : 0;
        return "···" + digits[^kept..];
    }
}
