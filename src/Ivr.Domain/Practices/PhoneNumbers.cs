namespace Ivr.Domain.Practices;

/// <summary>One spelling for a dialed or published number, so <c>+1 (555) 123-0000</c> finds <c>5551230000</c>.</summary>
public static class PhoneNumbers
{
    /// <summary>Digits only; an 11-digit North American number loses its leading 1.</summary>
    public static string Normalize(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
    }
}
