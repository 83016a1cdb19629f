extern alias libphonenumber;
using Ivr.Domain.Practices;
using libphonenumber::PhoneNumbers;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// The ways one dialled number may be written, for finding the practice it belongs to: a carrier sends a practice's
/// number in E.164 (<c>+13125550100</c>), without its <c>+</c> (<c>13125550100</c>), nationally (<c>3125550100</c>,
/// <c>020 7123 4567</c>) or after an international prefix (<c>011 44 …</c>), and a practice file may write it either way.
/// </summary>
public static class CarrierNumbers
{
    /// <summary>
    /// <paramref name="dialed"/> as received, then its E.164 form and its national form as read in
    /// <paramref name="region"/>, without the spellings a practice lookup would take as the same number.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string dialed, string region)
    {
        var spellings = new List<string> { dialed };
        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            // Digits without a '+' but with a country code (13125550100, 442071234567) read as international first when
            // the region's national reading is no valid number.
            var parsed = phones.Parse(dialed, region);
            if (!phones.IsValidNumber(parsed) && !dialed.TrimStart().StartsWith('+') && International(phones, dialed, region) is { } international)
            {
                parsed = international;
            }

            if (phones.IsPossibleNumber(parsed))
            {
                spellings.Add(phones.Format(parsed, PhoneNumberFormat.E164));
                spellings.Add(phones.Format(parsed, PhoneNumberFormat.NATIONAL));
            }
        }
        catch (NumberParseException)
        {
            // No number (a name, or nothing libphonenumber reads): only the spelling received is tried.
        }

        return spellings.Where(s => PhoneNumbers.Normalize(s).Length > 0).DistinctBy(PhoneNumbers.Normalize).ToArray();
    }

    private static PhoneNumber? International(PhoneNumberUtil phones, string dialed, string region)
    {
        try
        {
            var international = phones.Parse("+" + dialed.Trim(), region);
            return phones.IsValidNumber(international) ? international : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
