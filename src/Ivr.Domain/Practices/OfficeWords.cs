using System.Text;

namespace Ivr.Domain.Practices;

/// <summary>
/// The words a practice types for its office information (practice file <c>office:</c>, the portal's settings):
/// where it is and how to get there, its fax number and its website. Each may be left empty.
/// </summary>
public sealed record OfficeWords
{
    /// <summary>The longest a typed text may be: a caller listens to it all.</summary>
    public const int MaxLength = 300;

    public static OfficeWords None { get; } = new();

    /// <summary>The street address, e.g. "200 River Road, Suite 4, Riverside".</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>Directions in the practice's own sentences, e.g. "We are across from the library; park behind the building."</summary>
    public string Directions { get; init; } = string.Empty;

    /// <summary>The fax number as written, e.g. "555-0142"; spoken digit by digit.</summary>
    public string Fax { get; init; } = string.Empty;

    /// <summary>The website, e.g. "riversidepeds.example"; its dots are spoken.</summary>
    public string Website { get; init; } = string.Empty;

    public bool IsEmpty => Address.Length == 0 && Directions.Length == 0 && Fax.Length == 0 && Website.Length == 0;

    /// <summary>What callers hear, one sentence per word the practice gave; empty when it gave none.</summary>
    public string Spoken()
    {
        var sentences = new List<string>();
        if (Address.Length > 0)
        {
            sentences.Add($"Our address is {Sentence(Address)}");
        }

        if (Directions.Length > 0)
        {
            sentences.Add(Sentence(Directions));
        }

        if (Fax.Length > 0)
        {
            sentences.Add($"Our fax number is {Digits(Fax)}.");
        }

        if (Website.Length > 0)
        {
            sentences.Add($"Our website is {Sentence(Website.TrimEnd('.', '/').Replace(".", " dot ", StringComparison.Ordinal).Replace("/", " slash ", StringComparison.Ordinal))}");
        }

        return string.Join(' ', sentences);
    }

    /// <summary>What is wrong with the words, each with its key (address, directions, fax, website); none when they can be spoken.</summary>
    public IReadOnlyList<(string Key, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        foreach (var (key, text) in new[] { ("address", Address), ("directions", Directions), ("fax", Fax), ("website", Website) })
        {
            if (text.Length > MaxLength)
            {
                problems.Add((key, $"the office {key} is {text.Length} characters; keep it under {MaxLength}, callers listen to it all"));
            }
            else if (text.Any(char.IsControl))
            {
                problems.Add((key, $"the office {key} holds control characters; write it on one line"));
            }
        }

        if (Fax.Length > 0 && PracticeRules.PhoneNumber("fax", Fax) is { } fax)
        {
            problems.Add(("fax", fax));
        }

        if (Website.Length > 0 && (Website.Any(char.IsWhiteSpace) || !Website.Contains('.', StringComparison.Ordinal)))
        {
            problems.Add(("website", $"website '{Website}' is not a web address like riversidepeds.example"));
        }

        return problems;
    }

    /// <summary>Typed text as stored: one line, single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Sentence(string text) => text.TrimEnd() is var t && (t.EndsWith('.') || t.EndsWith('!') || t.EndsWith('?')) ? t : t + ".";

    /// <summary>"555-0142" as "5 5 5, 0 1 4 2": each digit said, a pause where the practice wrote a separator.</summary>
    private static string Digits(string number)
    {
        var spoken = new StringBuilder();
        var pause = false;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                if (spoken.Length > 0)
                {
                    spoken.Append(pause ? ", " : " ");
                }

                spoken.Append(c);
                pause = false;
            }
            else if (c == '+' && spoken.Length == 0)
            {
                spoken.Append("plus");
            }
            else
            {
                pause = spoken.Length > 0;
            }
        }

        return spoken.ToString();
    }
}
