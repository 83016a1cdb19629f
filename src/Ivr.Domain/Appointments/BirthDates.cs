using System.Globalization;

namespace Ivr.Domain.Appointments;

/// <summary>A date of birth keyed on the phone as MMDDYYYY.</summary>
public static class BirthDates
{
    /// <summary>The oldest age taken as real; an earlier year is a slip of the finger.</summary>
    public const int OldestAge = 125;

    /// <summary>The date <paramref name="digits"/> name (eight digits, a real date, not after <paramref name="today"/>, not over <see cref="OldestAge"/> years before); null otherwise.</summary>
    public static DateOnly? TryRead(string digits, DateOnly today)
    {
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit)
            || !DateOnly.TryParseExact(digits, "MMddyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        return date <= today && date >= today.AddYears(-OldestAge) ? date : null;
    }
}
