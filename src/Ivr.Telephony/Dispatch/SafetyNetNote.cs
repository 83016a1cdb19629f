using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// What the dialplan's safety net wrote about a call it answered alone (<c>UNIQUEID.txt</c> beside its
/// recording, one line of <c>name=value</c> pairs): <c>uniqueid</c>, <c>did</c> (the practice number
/// dialed), <c>at</c> (epoch seconds) and <c>caller</c>, the caller's number sealed by the dialplan
/// (dialplan/extensions.conf, <c>ivr-safety-net-note</c>), and <c>why</c>: <c>overload</c> when every line was full and
/// the service never had the call, <c>service</c> when it was unreachable or stopped mid-call (absent in older notes): AES-128 under the 16-character key both sides
/// share, two blocks of 8 random characters and 8 of the number (padded with <c>.</c>), base64. A note of
/// an older dialplan carries the number plain as <c>callerid</c>; it is still read. <see cref="Parse"/> is
/// the one place that knows the note's format on disk, so a new format changes this file alone.
/// </summary>
/// <param name="UniqueId">Asterisk's uniqueid of the call (also the note's file name).</param>
/// <param name="DialedNumber">The number the caller dialed: digits and <c>+</c>, maybe empty.</param>
/// <param name="CallerId">The caller id number (digits and <c>+</c>), opened; null when the caller sent none, or it is sealed under another key.</param>
/// <param name="At">When the safety net answered, or null when the note does not say.</param>
/// <param name="Overload">The caller was sent to the safety net because every line was full (the dialplan's limits), not because the service failed.</param>
public sealed partial record SafetyNetNote(string UniqueId, string DialedNumber, string? CallerId, DateTimeOffset? At, bool Overload = false)
{
    private const int Block = 16;
    private const int Half = 8;

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "uniqueid", "did", "caller", "callerid", "at", "why" };

    /// <summary>
    /// Reads a note. Anything the dialplan would not write — a field twice, an unknown field, text where
    /// digits belong, a uniqueid other than the file's — is refused whole. <paramref name="key"/> is the
    /// shared key (Recordings:SafetyNetKey) that opens the sealed caller number.
    /// </summary>
    /// <exception cref="FormatException">The note is not one the safety net writes; the message names the rule, never the text.</exception>
    public static SafetyNetNote Parse(string text, string fileUniqueId, string? key)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException("a field is not name=value");
            }

            var name = token[..equals];
            if (!Fields.Contains(name))
            {
                throw new FormatException("an unknown field");
            }

            if (!fields.TryAdd(name, token[(equals + 1)..]))
            {
                throw new FormatException($"the field {name} appears twice");
            }
        }

        if (!AsteriskId().IsMatch(fileUniqueId))
        {
            throw new FormatException("the file name is not an Asterisk uniqueid");
        }

        var uniqueId = fields.GetValueOrDefault("uniqueid") ?? fileUniqueId;
        if (uniqueId != fileUniqueId)
        {
            throw new FormatException("the uniqueid differs from the file name");
        }

        var did = fields.GetValueOrDefault("did") ?? string.Empty;
        if (!Number().IsMatch(did))
        {
            throw new FormatException("the dialed number is not digits");
        }

        if (fields.ContainsKey("caller") && fields.ContainsKey("callerid"))
        {
            throw new FormatException("the caller is given both sealed and plain");
        }

        var callerId = fields.TryGetValue("caller", out var sealedCaller) ? Open(sealedCaller, key) ?? string.Empty : fields.GetValueOrDefault("callerid") ?? string.Empty;
        if (!Number().IsMatch(callerId))
        {
            throw new FormatException("the caller id is not digits");
        }

        DateTimeOffset? at = null;
        if (fields.TryGetValue("at", out var epoch))
        {
            if (!Epoch().IsMatch(epoch))
            {
                throw new FormatException("the time is not a number");
            }

            at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(epoch, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        var why = fields.GetValueOrDefault("why") ?? "service";
        if (why is not ("service" or "overload"))
        {
            throw new FormatException("the reason is neither service nor overload");
        }

        return new SafetyNetNote(uniqueId, did, callerId.Length > 0 ? callerId : null, at, why == "overload");
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

    /// <summary>
    /// The sealed number, opened; null when there is no key, the value was sealed under another, or it is
    /// damaged. The message is still imported without a number: its recording must reach a clinician.
    /// </summary>
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

    // Epoch and sequence, after the server's system name (asterisk.conf's systemname) where one is set: each
    // Asterisk of a cluster has its own, so two servers writing into one shared spool never take the same id.
    [GeneratedRegex(@"^(?:[A-Za-z0-9][A-Za-z0-9_-]{0,31}-)?[0-9]{1,12}\.[0-9]{1,9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AsteriskId();

    [GeneratedRegex(@"^[0-9+]{0,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^[0-9]{1,11}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Epoch();
}
