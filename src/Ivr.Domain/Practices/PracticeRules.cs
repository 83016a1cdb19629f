using System.Globalization;

namespace Ivr.Domain.Practices;

/// <summary>
/// The rules a practice's settings obey, shared by the file reader (<c>ivr practice import</c>) and
/// the portal's settings form, so a practice saved from either is exactly as valid. Each check
/// returns what is wrong in words, or null.
/// </summary>
public static class PracticeRules
{
    public const int MinRepeatSeconds = 15;
    public const int MaxRepeatSeconds = 3600;
    public const int MinAttempts = 1;
    public const int MaxAttempts = 10;

    /// <summary>Longer greetings keep callers from the emergency instruction that follows.</summary>
    public const int MaxGreetingLength = 400;

    public const string CoverageChoices = "after-hours, overflow, 24/7";

    /// <summary>
    /// The name the portal gives the answering service's shared prompts in its addresses and the drafts' folder
    /// (<c>/prompts/shared</c>): a practice of that id would have its prompts pages and drafts mixed with them.
    /// </summary>
    public const string SharedPromptsName = "shared";

    /// <summary>Practice ids that name something else: the shared prompts, and where calls to unknown numbers are recorded.</summary>
    public static IReadOnlyList<string> ReservedIds { get; } = [SharedPromptsName, PracticeDirectory.UnknownPracticeId];

    /// <summary>Why a practice may not have <paramref name="id"/>, or null.</summary>
    public static string? ReservedId(string id) =>
        ReservedIds.Contains(id, StringComparer.Ordinal)
            ? $"id '{id}' is reserved (it names {(id == SharedPromptsName ? "the answering service's shared prompts" : "the calls to unknown numbers")}); choose another"
            : null;

    public const string OverflowNeedsOffice = "overflow coverage rings the office first: add office: { dial: ..., ringSeconds: ... }";

    /// <summary>A time of day as <c>HH:mm</c>; <c>24:00</c> (midnight, end of day) only where <paramref name="allowMidnight"/>.</summary>
    public static bool TryTime(string text, out TimeOnly time, bool allowMidnight = false)
    {
        if (allowMidnight && text == "24:00")
        {
            time = OpeningInterval.Midnight;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>An opening interval from its two ends, or why not.</summary>
    public static string? Interval(string open, string close, out OpeningInterval? interval)
    {
        interval = null;
        if (!TryTime(open.Trim(), out var from))
        {
            return $"opening time '{open}' is not a time like 08:00";
        }

        if (!TryTime(close.Trim(), out var until, allowMidnight: true))
        {
            return $"closing time '{close}' is not a time like 17:00 (24:00 for midnight)";
        }

        if (until <= from)
        {
            return $"closes at {close.Trim()}, which is not after it opens at {open.Trim()}";
        }

        interval = new OpeningInterval(from, until);
        return null;
    }

    /// <summary>A whole number setting <paramref name="key"/> from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static string? Whole(string key, string text, int min, int max, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : $"{key} is a whole number from {min} to {max}, not '{text.Trim()}'";

    /// <summary>The escalation policy's repeat interval, in seconds.</summary>
    public static string? RepeatSeconds(string text, out int seconds) => Whole("repeatSeconds", text, MinRepeatSeconds, MaxRepeatSeconds, out seconds);

    /// <summary>The escalation policy's attempts per contact.</summary>
    public static string? Attempts(string text, out int attempts) => Whole("attempts", text, MinAttempts, MaxAttempts, out attempts);

    public static string? HolidayPreset(string? preset) =>
        preset is not null and not UsFederalHolidays.PresetName ? $"holiday preset '{preset}' is unknown; the one preset is {UsFederalHolidays.PresetName}" : null;

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A local time of a closure: <c>2026-12-31T12:00</c>, <c>2026-12-31 12:00</c> or a date (its midnight).</summary>
    public static bool TryLocalTime(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static string? Closure(DateTime from, DateTime until) => until <= from ? "a closure's until must come after its from" : null;

    public static string? Coverage(CoverageMode mode, OfficeLine? office) => mode == CoverageMode.Overflow && office is null ? OverflowNeedsOffice : null;

    /// <summary>Greeting words flite can speak: not too long, no control characters.</summary>
    public static string? GreetingText(string text) =>
        text.Length > MaxGreetingLength ? $"the greeting is {text.Length} characters; keep it under {MaxGreetingLength} so callers soon hear the emergency instruction"
        : text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') ? "the greeting holds control characters"
        : null;

    /// <summary>
    /// A webhook address: https, or plain http to a loopback address only (a relay on the same machine; nothing
    /// crosses the network in the clear). The same rule holds when a practice is saved and when a post is sent.
    /// </summary>
    public static string? WebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6))
            ? null
            : $"webhook '{url}' must be an https URL (plain http only to a loopback address)";

    /// <summary>
    /// An Asterisk dial string (<c>PJSIP/endpoint</c>, <c>PJSIP/trunk/sip:user@host:port</c>): letters, digits and
    /// <c>+*#/@._:-</c> only. Everything else is refused, above all Dial()'s separators (<c>,</c> between
    /// arguments, <c>&amp;</c> between parallel channels, <c>|</c> the old separator) and <c>^</c>, <c>(</c>,
    /// <c>$</c>, quotes and spaces, with which a value could add options (<c>U()</c>, <c>G()</c>) or channels.
    /// </summary>
    public static string? DialString(string key, string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "+*#/@._:-".Contains(c, StringComparison.Ordinal))
            ? null
            : $"{key} '{text}' is not a dial string: use letters, digits and + * # / @ . _ : - only (no , & | or other option separators)";

    /// <summary>A phone number as people write it: digits, spaces and <c>+()-.</c>, at least one digit.</summary>
    public static string? PhoneNumber(string key, string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || " +()-.".Contains(c, StringComparison.Ordinal))
            ? null
            : $"{key} '{text}' is not a phone number: digits, spaces and + ( ) - . only";
}
