using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ivr.Domain.Prompts;

/// <summary>
/// The prompt-recording line's PINs as salted PBKDF2-SHA256 hashes (<c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, base64):
/// a PIN is a few digits, so only its slow hash is ever stored, and the line refuses after three wrong ones.
/// </summary>
public static class PromptPinHash
{
    /// <summary>The fewest digits a PIN has.</summary>
    public const int MinimumDigits = 6;

    /// <summary>The most digits a PIN has.</summary>
    public const int MaximumDigits = 12;

    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 100_000;

    /// <summary>Null when <paramref name="pin"/> is a usable PIN, otherwise why not.</summary>
    public static string? Problem(string pin) =>
        pin.Length < MinimumDigits || pin.Length > MaximumDigits || !pin.All(char.IsAsciiDigit)
            ? $"a PIN is {MinimumDigits} to {MaximumDigits} digits (0-9), keyed on the telephone"
            : pin.Distinct().Count() == 1 || "0123456789012".Contains(pin, StringComparison.Ordinal) || "9876543210987".Contains(pin, StringComparison.Ordinal)
                ? "a PIN of one digit repeated or a run of digits is too easy to guess"
                : null;

    /// <summary>A new salted hash of <paramref name="pin"/>.</summary>
    public static string Of(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(pin, salt, Iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="pin"/> is the PIN <paramref name="hash"/> was made from.</summary>
    public static bool Matches(string pin, string hash)
    {
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var expected = Convert.FromBase64String(parts[3]);
            return CryptographicOperations.FixedTimeEquals(Derive(pin, Convert.FromBase64String(parts[2]), iterations), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, 32);
}
