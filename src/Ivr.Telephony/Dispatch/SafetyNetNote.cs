using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// The note Asterisk's safety net writes beside its recording (<c>UNIQUEID.txt</c>, one line of
/// <c>name=value</c> pairs): <c>uniqueid</c>, <c>did</c> (the practice number dialed), <c>at</c> (epoch
/// seconds) and <c>caller</c>, the caller's number sealed by the dialplan (dialplan/extensions.conf,
/// <c>ivr-safety-net-note</c>): AES-128 under the 16-character key both sides share, two blocks of
/// 8 random characters and 8 of the number (padded with <c>.</c>), base64. A note of an older dialplan
/// carries the number plain as <c>callerid</c>; it is still read.
/// </summary>
/// <param name="UniqueId">The call's Asterisk uniqueid, when the note names it.</param>
/// <param name="Did">The number the caller dialed; empty when missing.</param>
/// <param name="CallerId">The caller's number, opened; null when absent, unreadable or sealed under another key.</param>
/// <param name="At">When the safety net answered, when the note says.</param>
public sealed record SafetyNetNote(string? UniqueId, string Did, string? CallerId, DateTimeOffset? At)
{
    private const int Block = 16;
    private const int Half = 8;

    /// <summary>Reads a note's text; <paramref name="key"/> is the shared key (Recordings:SafetyNetKey).</summary>
    public static SafetyNetNote Parse(string text, string? key)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Where(pair => pair.Length == 2))
        {
            fields.TryAdd(pair[0], pair[1]);
        }

        var callerId = fields.TryGetValue("caller", out var sealedCaller) ? Open(sealedCaller, key) : fields.GetValueOrDefault("callerid");
        return new SafetyNetNote(
            fields.GetValueOrDefault("uniqueid") is { Length: > 0 } uniqueId ? uniqueId : null,
            fields.GetValueOrDefault("did") ?? string.Empty,
            callerId is { Length: > 0 } ? callerId : null,
            long.TryParse(fields.GetValueOrDefault("at"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null);
    }

    /// <summary>Seals a number the way the dialplan does (for tests and tools); <paramref name="nonce"/> is 16 characters.</summary>
    public static string Seal(string number, string key, string nonce)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(nonce.Length, Block, nameof(nonce));
        var first = (number.Length > 0 ? number[..Math.Min(Half, number.Length)] : string.Empty).PadRight(Half, '.');
        var second = (number.Length > Half ? number[Half..Math.Min(Block, number.Length)] : string.Empty).PadRight(Half, '.');
        using var aes = Aes(key);
        return Convert.ToBase64String(aes.EncryptEcb(Encoding.ASCII.GetBytes(nonce[..Half] + first + nonce[Half..] + second), PaddingMode.None));
    }

    private static string? Open(string sealedCaller, string? key)
    {
        if (key is not { Length: Block })
        {
            return null;
        }

        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(sealedCaller);
        }
        catch (FormatException)
        {
            return null;
        }

        if (cipher.Length != 2 * Block)
        {
            return null;
        }

        using var aes = Aes(key);
        var plain = Encoding.ASCII.GetString(aes.DecryptEcb(cipher, PaddingMode.None));
        var number = (plain[Half..Block] + plain[(Block + Half)..]).TrimEnd('.');
        return number.All(c => char.IsAsciiDigit(c) || c == '+') ? number : null;
    }

    private static System.Security.Cryptography.Aes Aes(string key)
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = Encoding.ASCII.GetBytes(key);
        return aes;
    }
}
