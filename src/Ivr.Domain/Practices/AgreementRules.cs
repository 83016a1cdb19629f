using System.Globalization;

namespace Ivr.Domain.Practices;

/// <summary>
/// What a business associate agreement's record must hold, shared by the practice file reader and
/// <c>ivr practice agreement record</c>. Each check returns what is wrong in words, or null.
/// </summary>
public static class AgreementRules
{
    public const int MaxVersionLength = 40;
    public const int MaxSignerLength = 100;

    public const string SignerExample = "\"Dana Whitfield, Practice Manager\"";

    /// <summary>A signing date after the practice's today is a typing mistake, or a promise, not an agreement.</summary>
    public static string? Signed(DateOnly signed, DateOnly today) =>
        signed > today ? string.Create(CultureInfo.InvariantCulture, $"the agreement cannot be signed in the future ({signed:yyyy-MM-dd} is after today, {today:yyyy-MM-dd})") : null;

    public static string? Version(string version) => Text("version", version, MaxVersionLength);

    /// <summary>One part of a signer: <paramref name="what"/> is "practice signer's name" and the like.</summary>
    public static string? Text(string what, string text, int max = MaxSignerLength) =>
        text.Trim().Length == 0 ? $"the {what} is empty"
        : text.Length > max ? $"the {what} is {text.Length} characters; at most {max}"
        : text.Any(char.IsControl) ? $"the {what} holds control characters"
        : null;

    /// <summary>A signer typed as "Name, Title" (the title after the first comma).</summary>
    public static string? Signer(string side, string text, out AgreementSigner? signer)
    {
        signer = null;
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (text.Trim().Length == 0)
        {
            return $"the {side} signer is empty; give their name and title, e.g. {SignerExample}";
        }

        if (comma < 0)
        {
            return $"the {side} signer '{text.Trim()}' has no title; give \"Name, Title\", e.g. {SignerExample}";
        }

        var name = text[..comma].Trim();
        var title = text[(comma + 1)..].Trim();
        if ((Text($"{side} signer's name", name) ?? Text($"{side} signer's title", title)) is { } problem)
        {
            return $"{problem}; give \"Name, Title\", e.g. {SignerExample}";
        }

        signer = new AgreementSigner(name, title);
        return null;
    }
}
