using System.Globalization;
using System.Text.RegularExpressions;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// What the dialplan's safety net wrote about a call it answered alone. <see cref="Parse"/> is the one
/// place that knows the note's format on disk, so a new format changes this file alone.
/// </summary>
/// <param name="UniqueId">Asterisk's uniqueid of the call (also the note's file name).</param>
/// <param name="DialedNumber">The number the caller dialed: digits and <c>+</c>, maybe empty.</param>
/// <param name="CallerId">The caller id number (digits and <c>+</c>), or null when the caller sent none.</param>
/// <param name="At">When the safety net answered, or null when the note does not say.</param>
public sealed partial record SafetyNetNote(string UniqueId, string DialedNumber, string? CallerId, DateTimeOffset? At)
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "uniqueid", "did", "callerid", "at" };

    /// <summary>
    /// Reads a note (<c>uniqueid=… did=… callerid=… at=…</c>). Anything the dialplan would not write — a
    /// field twice, an unknown field, text where digits belong, a uniqueid other than the file's — is
    /// refused whole.
    /// </summary>
    /// <exception cref="FormatException">The note is not one the safety net writes; the message names the rule, never the text.</exception>
    public static SafetyNetNote Parse(string text, string fileUniqueId)
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

        var callerId = fields.GetValueOrDefault("callerid") ?? string.Empty;
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

        return new SafetyNetNote(uniqueId, did, callerId.Length > 0 ? callerId : null, at);
    }

    [GeneratedRegex(@"^[0-9]{1,12}\.[0-9]{1,9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AsteriskId();

    [GeneratedRegex(@"^[0-9+]{0,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"^[0-9]{1,11}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Epoch();
}
