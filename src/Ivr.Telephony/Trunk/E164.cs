extern alias libphonenumber;
using libphonenumber::PhoneNumbers;

namespace Ivr.Telephony.Trunk;

/// <summary>Phone numbers as a carrier takes them: <c>+</c>, country code, national number (libphonenumber).</summary>
public static class E164
{
    /// <summary>
    /// <paramref name="number"/> in E.164 (<c>3125550100</c> in <c>US</c> → <c>+13125550100</c>), or null when it is no
    /// possible number (too short, too long, not a number).
    /// </summary>
    public static string? Format(string? number, string region)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            var parsed = phones.Parse(number, region);
            return phones.IsPossibleNumber(parsed) ? phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
