using System.Globalization;

namespace Ivr.Domain.Outbound;

/// <summary>
/// The words of a campaign's calls, made from the campaign alone (so the same for every patient, and shown to staff
/// before it starts): a person hears the practice named first and then the campaign's words; a machine gets a short
/// message with no medical details: the practice's name, that the appointment changed, and the number to call, said
/// digit by digit. Both stay well under the minute a voice message may last.
/// </summary>
public static class CampaignScript
{
    /// <summary>At most this many characters of words (about 45 seconds of speech at flite's pace).</summary>
    public const int MaxWords = 600;

    public static string Person(string practiceName, Campaign campaign) =>
        $"Hello. This is {practiceName} calling. {campaign.Words.Trim()}";

    public static string Voicemail(string practiceName, Campaign campaign) =>
        $"Hello. This is {practiceName} calling about your appointment, which has changed. Please call us at {Digits(campaign.CallbackNumber)}. Again, that is {Digits(campaign.CallbackNumber)}. Thank you.";

    /// <summary>"3 1 2, 5 5 5, 0 1 0 0": a number said in groups, so flite reads digits, not a sum.</summary>
    public static string Digits(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        var groups = digits.Length == 10 ? [digits[..3], digits[3..6], digits[6..]] : new[] { digits };
        return string.Join(", ", groups.Select(g => string.Join(' ', g.Select(c => c.ToString(CultureInfo.InvariantCulture)))));
    }

    /// <summary>What is wrong with the words staff typed, or null.</summary>
    public static string? Check(string words) =>
        string.IsNullOrWhiteSpace(words) ? "the words patients hear are empty"
        : words.Trim().Length > MaxWords ? $"the words patients hear are {words.Trim().Length} characters; at most {MaxWords} (under a minute of speech)"
        : null;
}
