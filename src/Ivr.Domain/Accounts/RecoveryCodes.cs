using System.Security.Cryptography;
using System.Text;

namespace Ivr.Domain.Accounts;

/// <summary>
/// Ten single-use codes for a user who lost their authenticator, shown once and kept only as hashes.
/// Each is 16 characters of base32 (80 random bits), so a plain SHA-256 cannot be reversed by guessing.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 16;

    /// <summary>Fresh codes, grouped by four for reading (<c>ABCD-EFGH-JKLM-NPQR</c>).</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var chars = new char[Length];
            for (var j = 0; j < Length; j++)
            {
                chars[j] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            var text = new string(chars);
            codes[i] = $"{text[..4]}-{text[4..8]}-{text[8..12]}-{text[12..]}";
        }

        return codes;
    }

    /// <summary>What is stored of a code: the hash of its letters, whatever the case, spaces or dashes typed.</summary>
    public static string Hash(string code)
    {
        var letters = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(letters)));
    }

    /// <summary>True when <paramref name="text"/> has the shape of a recovery code (not an authenticator's six digits).</summary>
    public static bool LooksLikeOne(string text) => text.Count(char.IsLetterOrDigit) == Length;
}
