namespace Ivr.Server.Live;

/// <summary>
/// The caller's number as the live view shows it: its last four digits (two for a short number),
/// never the whole number. The tracker keeps only this form, so no page, log or snapshot can leak more.
/// </summary>
public static class LiveCaller
{
    public const string Hidden = "···";

    /// <summary>Null when Asterisk has no number (withheld, <c>&lt;unknown&gt;</c>, anonymous).</summary>
    public static string? Mask(string? number)
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
        return Hidden + digits[^kept..];
    }
}
