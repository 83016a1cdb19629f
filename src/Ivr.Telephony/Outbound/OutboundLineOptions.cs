using Ivr.Telephony.Trunk;

namespace Ivr.Telephony.Outbound;

/// <summary>How campaign calls leave Asterisk and how a machine is told from a person (section <c>Outbound</c>, beside the dialler's own options).</summary>
public sealed class OutboundLineOptions
{
    /// <summary>
    /// The Asterisk dial string of a patient's number when no carrier trunk is configured (<c>Trunk:Endpoint</c>; with
    /// one, numbers go through it as every phone number does); <c>{number}</c> is the E.164 number. Default
    /// <c>PJSIP/{number}@trunk</c>.
    /// </summary>
    public string DialTemplate { get; set; } = "PJSIP/{number}@trunk";

    /// <summary>
    /// Other routes by number prefix (E.164, with its +): the longest prefix a number starts with picks its dial string
    /// instead of <see cref="DialTemplate"/> or the carrier trunk (a second trunk for a region, a test phone). Default none.
    /// </summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// AMD()'s arguments (initial silence, greeting, after-greeting silence, total analysis time, ...), as the
    /// application takes them. Default empty: amd.conf's values (2500, 1500, 800, 5000 ms ...).
    /// </summary>
    public string AmdArguments { get; set; } = string.Empty;

    /// <summary>
    /// The Asterisk dial string of <paramref name="number"/> (E.164): its route when one matches, else through the carrier
    /// trunk when <paramref name="trunk"/> has one (E.164, as pages and callbacks), else <see cref="DialTemplate"/>.
    /// </summary>
    public string DialString(string number, TrunkDialing trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var route = Routes.Where(r => number.StartsWith(r.Key, StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length).Select(r => r.Value).FirstOrDefault();
        if (route is null && trunk.ThroughTrunk)
        {
            return trunk.PhoneDialString(number);
        }

        return (route ?? DialTemplate).Replace("{number}", number, StringComparison.Ordinal);
    }

    /// <summary>The silence that ends a machine's greeting, before the voicemail is spoken. Default 1.5 seconds.</summary>
    public TimeSpan GreetingEndSilence { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>The longest a machine's greeting is waited out; the message is left then anyway. Default 20 seconds.</summary>
    public TimeSpan GreetingWaitLimit { get; set; } = TimeSpan.FromSeconds(20);
}
