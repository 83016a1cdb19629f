using Ivr.Domain.Practices;
using Ivr.Telephony.Practices;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// How a phone number is dialled and what the called phone shows. With a trunk (<see cref="TrunkOptions.Endpoint"/>):
/// <c>PJSIP/+13125550100@trunk</c>, the practice's number on a patient's callback and the service's on pages and
/// clinicians' calls, all in E.164, which a carrier needs. Without one: <c>Practices:PhoneDialTemplate</c> with the
/// number's digits, and the caller ids the service always showed.
/// </summary>
public sealed class TrunkDialing(TrunkOptions trunk, PracticesOptions practices)
{
    /// <summary>What a line shows when there is no number to show (no trunk, or no service number).</summary>
    public const string NoNumber = "answering-service";

    /// <summary>True when phone numbers leave through the carrier trunk.</summary>
    public bool ThroughTrunk => trunk.Configured;

    /// <summary>The Asterisk dial string of a phone number.</summary>
    public string PhoneDialString(string number)
    {
        if (!trunk.Configured)
        {
            return practices.PhoneDialTemplate.Replace("{number}", Digits(number), StringComparison.Ordinal);
        }

        // A number libphonenumber cannot read still goes to the carrier, who refuses it: the call fails as any failed call does.
        return $"PJSIP/{E164.Format(number, trunk.Region) ?? Digits(number)}@{trunk.Endpoint}";
    }

    /// <summary>The Asterisk dial string of a clinician's contact: a SIP contact is one already; a phone goes through <see cref="PhoneDialString"/>.</summary>
    public string DialString(ContactMethod contact) =>
        contact.Kind == ContactKind.Phone ? PhoneDialString(contact.Address) : contact.Address;

    /// <summary>The caller id of a page or a clinician's call for a caller: <c>"Name" &lt;service number&gt;</c>.</summary>
    public string ServiceCallerId(string name) =>
        CallerId(name, trunk.Configured ? E164.Format(trunk.ServiceNumber, trunk.Region) : null);

    /// <summary>
    /// The caller id of a patient's callback: the practice's name and its first number, so the patient knows who calls.
    /// Through a trunk, a practice without a number a carrier can show gets the service's.
    /// </summary>
    public string PracticeCallerId(Practice? practice)
    {
        var name = practice?.Name ?? "Answering service";
        if (!trunk.Configured)
        {
            return CallerId(name, practice?.Numbers.FirstOrDefault());
        }

        var number = practice?.Numbers.Select(n => E164.Format(n, trunk.Region)).FirstOrDefault(n => n is not null)
            ?? E164.Format(trunk.ServiceNumber, trunk.Region);
        return CallerId(name, number);
    }

    /// <summary>
    /// The caller id of a call for a practice known by its name and number (a campaign's call): through a trunk the
    /// number in E.164, or the service's when it has none a carrier could show; without one, exactly as given.
    /// </summary>
    public string PracticeCallerId(string name, string? number) =>
        CallerId(name, !trunk.Configured ? NullIfEmpty(number) : E164.Format(number, trunk.Region) ?? E164.Format(trunk.ServiceNumber, trunk.Region));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string CallerId(string name, string? number) =>
        $"\"{name.Replace("\"", string.Empty, StringComparison.Ordinal)}\" <{number ?? NoNumber}>";

    private static string Digits(string number) => new(number.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
}
