using System.Globalization;

namespace Ivr.Asterisk.Agi;

/// <summary>The commands a call flow uses, built with Asterisk 22's exact syntax (res_agi.c).</summary>
public static class AgiCommands
{
    /// <summary><c>ANSWER</c>.</summary>
    public static AgiCommand Answer() => AgiCommand.Create("ANSWER", false);

    /// <summary><c>HANGUP</c> this channel.</summary>
    public static AgiCommand Hangup() => AgiCommand.Create("HANGUP", false);

    /// <summary><c>STREAM FILE file escape</c>; escape digits are required by Asterisk, <c>""</c> for none.</summary>
    public static AgiCommand StreamFile(string file, string escapeDigits) =>
        AgiCommand.Create("STREAM FILE", false, file, escapeDigits);

    /// <summary><c>GET DATA file timeout maxdigits</c>.</summary>
    public static AgiCommand GetData(string file, TimeSpan timeout, int maxDigits) =>
        AgiCommand.Create("GET DATA", false, file, Milliseconds(timeout), maxDigits.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>WAIT FOR DIGIT timeout</c>.</summary>
    public static AgiCommand WaitForDigit(TimeSpan timeout) =>
        AgiCommand.Create("WAIT FOR DIGIT", false, Milliseconds(timeout));

    /// <summary><c>SAY DIGITS digits escape</c>.</summary>
    public static AgiCommand SayDigits(string digits, string escapeDigits)
    {
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("SAY DIGITS takes ASCII digits only.", nameof(digits));
        }

        return AgiCommand.Create("SAY DIGITS", false, digits, escapeDigits);
    }

    /// <summary><c>SAY NUMBER number escape</c>.</summary>
    public static AgiCommand SayNumber(long number, string escapeDigits) =>
        AgiCommand.Create("SAY NUMBER", false, number.ToString(CultureInfo.InvariantCulture), escapeDigits);

    /// <summary><c>SAY DATETIME seconds escape format zone</c>: the time <paramref name="unixSeconds"/> said by Asterisk's say.conf rules.</summary>
    public static AgiCommand SayDateTime(long unixSeconds, string escapeDigits, string format, string zone) =>
        AgiCommand.Create("SAY DATETIME", false, unixSeconds.ToString(CultureInfo.InvariantCulture), escapeDigits, format, zone);

    /// <summary>
    /// <c>RECORD FILE file format escape timeout 0 [BEEP] [s=silence]</c>. The offset slot is always
    /// written so that BEEP and <c>s=</c> land where Asterisk looks for them.
    /// </summary>
    public static AgiCommand RecordFile(string file, string format, string escapeDigits, TimeSpan maxDuration, bool beep, int? silenceSeconds) =>
        AgiCommand.Create(
            "RECORD FILE",
            false,
            file,
            format,
            escapeDigits,
            Milliseconds(maxDuration),
            "0",
            beep ? "BEEP" : null,
            silenceSeconds is { } s ? "s=" + s.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary><c>SET VARIABLE name "value"</c>.</summary>
    public static AgiCommand SetVariable(string name, string value) =>
        AgiCommand.Create("SET VARIABLE", true, name, value);

    /// <summary><c>GET VARIABLE name</c>.</summary>
    public static AgiCommand GetVariable(string name) => AgiCommand.Create("GET VARIABLE", true, name);

    /// <summary><c>GET FULL VARIABLE expression [channel]</c>.</summary>
    public static AgiCommand GetFullVariable(string expression, string? channel = null) =>
        AgiCommand.Create("GET FULL VARIABLE", true, expression, channel);

    /// <summary><c>EXEC application "options"</c>; the options are one argument, comma separated.</summary>
    public static AgiCommand Exec(string application, string options) =>
        AgiCommand.Create("EXEC", true, application, options);

    /// <summary><c>VERBOSE "message" level</c>.</summary>
    public static AgiCommand Verbose(string message, int level) =>
        AgiCommand.Create("VERBOSE", true, message, level.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>NOOP</c>: a harmless round trip.</summary>
    public static AgiCommand Noop() => AgiCommand.Create("NOOP", true);

    private static string Milliseconds(TimeSpan value) =>
        value < TimeSpan.Zero ? "-1" : ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
