using System.Globalization;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// One reply from Asterisk to an AGI command: <c>200 result=R [(data)] [key=value ...]</c>,
/// or an error status (510, 511, 520).
/// </summary>
/// <param name="Status">The status code: 200, 510, 511 or 520.</param>
/// <param name="Result">The text after <c>result=</c>; empty for <c>200 result= (timeout)</c> and for errors.</param>
/// <param name="Data">The parenthesised part without its outer parentheses, or null when absent.</param>
/// <param name="Attributes">Trailing <c>key=value</c> pairs such as <c>endpos</c>.</param>
/// <param name="Message">Any other trailing text (the words of an error status, or <c>Gosub complete</c>).</param>
/// <param name="UsageLines">For a multi-line 520, the usage text Asterisk printed.</param>
/// <param name="RawLines">The reply exactly as received, for logs and diagnostics.</param>
public sealed record AgiReply(
    int Status,
    string Result,
    string? Data,
    IReadOnlyDictionary<string, string> Attributes,
    string? Message,
    IReadOnlyList<string> UsageLines,
    IReadOnlyList<string> RawLines)
{
    /// <summary>True for a <c>200</c> reply.</summary>
    public bool IsSuccess => Status == 200;

    /// <summary>True for <c>511</c>: the command is not permitted on a dead (hung up) channel.</summary>
    public bool IsDeadChannel => Status == 511;

    /// <summary>The result as an integer, or null when it is empty or not a number (GET DATA digits may be long).</summary>
    public long? ResultNumber =>
        long.TryParse(Result, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The <c>endpos</c> attribute (samples played or recorded), when present.</summary>
    public long? EndPosition =>
        Attributes.TryGetValue("endpos", out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <inheritdoc />
    public override string ToString() => string.Join(" | ", RawLines);
}
