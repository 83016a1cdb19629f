namespace Ivr.Domain.Messages;

/// <summary>
/// What counts as a callback number, for the automated flow (digits keyed by the caller) and the desk (typed by an
/// operator) alike: <see cref="MinDigits"/> to <see cref="MaxDigits"/> digits, kept as digits only, which is what the
/// voice page reads out and the call back dials.
/// </summary>
public static class CallbackNumbers
{
    /// <summary>Fewest digits of a callback number: 7, a local number without its area code.</summary>
    public const int MinDigits = 7;

    /// <summary>Most digits of a callback number: 15, the longest E.164 number.</summary>
    public const int MaxDigits = 15;

    /// <summary>
    /// The digits of a number as a person types it: an optional leading <c>+</c>, then digits with spaces, dashes,
    /// dots and parentheses between them, which are dropped. Null when anything else is in it or the digits are
    /// fewer than <see cref="MinDigits"/> or more than <see cref="MaxDigits"/>.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text[0] == '+')
        {
            text = text[1..];
        }

        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        return digits.Length is >= MinDigits and <= MaxDigits ? digits.ToString() : null;
    }
}
