using System.Text.RegularExpressions;

namespace Ivr.Testing.Trunk;

/// <summary>
/// The SIP messages in an Asterisk log written with pjsip.conf's <c>debug = yes</c> (res_pjsip_logger): each
/// "<c>&lt;--- Received SIP request (N bytes) from TLS:127.0.0.1:PORT ---&gt;</c>" line, then the message, up to the
/// next log line. They were TLS on the wire; the log has them in clear.
/// </summary>
public static partial class SipMessages
{
    /// <summary>The requests named <paramref name="method"/> in <paramref name="log"/> that Asterisk received.</summary>
    public static IReadOnlyList<string> Received(string log, string method) => Requests(log, "Received", method);

    /// <summary>The requests named <paramref name="method"/> in <paramref name="log"/> that Asterisk sent.</summary>
    public static IReadOnlyList<string> Sent(string log, string method) => Requests(log, "Transmitting", method);

    /// <summary>The responses (<c>SIP/2.0 488 …</c>) in <paramref name="log"/> that Asterisk received.</summary>
    public static IReadOnlyList<string> ReceivedResponses(string log) =>
        Message().Matches(log).Where(m => m.Groups["way"].Value == "Received" && m.Groups["kind"].Value == "response").Select(m => m.Groups["message"].Value).ToList();

    private static List<string> Requests(string log, string way, string method) =>
        Message().Matches(log)
            .Where(m => m.Groups["way"].Value == way && m.Groups["kind"].Value == "request")
            .Select(m => m.Groups["message"].Value)
            .Where(m => m.StartsWith(method + " ", StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex(@"<--- (?<way>Received|Transmitting) SIP (?<kind>request|response) \(\d+ bytes\) (?:from|to) [^\n]*--->\n(?<message>.*?)(?=\n\[\d{4}-\d\d-\d\d |\z)", RegexOptions.Singleline)]
    private static partial Regex Message();
}
