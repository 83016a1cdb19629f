using System.Globalization;
using Ivr.Domain.Outbound;

namespace Ivr.CampaignBench;

/// <summary>What a benchmark patient's phone really is.</summary>
public enum PhoneKind
{
    /// <summary>Answers, says hello, presses 1.</summary>
    Person,

    /// <summary>Answers with a long greeting and takes the voicemail.</summary>
    Machine,

    /// <summary>Rings until the service gives up.</summary>
    Unanswered,
}

/// <summary>
/// The campaign's list: <c>count</c> patients, half people, three in ten machines, two in ten phones nobody answers,
/// interleaved so every stretch of the campaign meets all three. Each kind's numbers are valid US numbers of the
/// fictional 555-01xx block, one area code per hundred, and a number prefix per area code routes them to that kind's
/// SIPp phone.
/// </summary>
public sealed class CampaignMix
{
    // Illinois area codes, enough for 1000 patients at this mix: 555-0100..0199 of each is a valid, fictional block (a hundred numbers per code).
    private static readonly IReadOnlyDictionary<PhoneKind, string[]> AreaCodes = new Dictionary<PhoneKind, string[]>
    {
        [PhoneKind.Person] = ["312", "773", "872", "630", "708"],
        [PhoneKind.Machine] = ["217", "309", "618"],
        [PhoneKind.Unanswered] = ["847", "224"],
    };

    private CampaignMix(IReadOnlyList<(PhoneKind Kind, string Phone)> phones) => Phones = phones;

    /// <summary>Each patient's phone, in list order.</summary>
    public IReadOnlyList<(PhoneKind Kind, string Phone)> Phones { get; }

    /// <summary>The most patients the area codes hold at this mix.</summary>
    public static int MaxPatients => 1000;

    public static CampaignMix Of(int count)
    {
        if (count < 1 || count > MaxPatients)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"from 1 to {MaxPatients} patients");
        }

        var seen = new Dictionary<PhoneKind, int>();
        var phones = new List<(PhoneKind, string)>(count);
        for (var i = 0; i < count; i++)
        {
            // Of every ten: five people, three machines, two nobody answers.
            var kind = (i % 10) switch
            {
                0 or 2 or 4 or 6 or 8 => PhoneKind.Person,
                1 or 5 or 9 => PhoneKind.Machine,
                _ => PhoneKind.Unanswered,
            };
            var n = seen.GetValueOrDefault(kind);
            seen[kind] = n + 1;
            phones.Add((kind, Number(kind, n)));
        }

        return new CampaignMix(phones);
    }

    /// <summary>The kind's <paramref name="n"/>th number (from 0): +1 AREA 555 01NN.</summary>
    public static string Number(PhoneKind kind, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"+1{AreaCodes[kind][n / 100]}55501{n % 100:00}");

    /// <summary>
    /// The service's settings that route each kind's prefixes (<c>+1AREA55501</c>) to its SIPp phone on loopback,
    /// for <paramref name="count"/> patients.
    /// </summary>
    public static IEnumerable<string> Routes(int count, IReadOnlyDictionary<PhoneKind, int> ports)
    {
        var mix = Of(count);
        foreach (var kind in Enum.GetValues<PhoneKind>())
        {
            var numbers = mix.Phones.Count(p => p.Kind == kind);
            for (var code = 0; code * 100 < numbers; code++)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"--Outbound:Routes:+1{AreaCodes[kind][code]}55501=PJSIP/sipp/sip:{{number}}@127.0.0.1:{ports[kind]}");
            }
        }
    }

    /// <summary>The list as the store takes it; names say the kind, for reading a results export.</summary>
    public IReadOnlyList<CampaignPatient> Patients() =>
        Phones.Select((p, i) => new CampaignPatient(i + 2, string.Create(CultureInfo.InvariantCulture, $"Bench {p.Kind} {i + 1}"), p.Phone, null, null, null)).ToList();

    public PhoneKind KindOf(string phone) => Phones.First(p => p.Phone == phone).Kind;
}
