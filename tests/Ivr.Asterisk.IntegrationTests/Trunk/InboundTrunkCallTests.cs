using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Calls;
using Ivr.Domain.Practices;
using Ivr.Telephony.Trunk;
using Ivr.Testing.Trunk;

namespace Ivr.Asterisk.IntegrationTests.Trunk;

/// <summary>
/// Needs Asterisk (scripts/asterisk's Debian root or a system one) and SIPp, but not the shared Asterisk: a patient's
/// call (SIPp) through a carrier double, over the TLS trunk with SRTP, into our Asterisk rendered from dialplan/ and the
/// real service on its own FastAGI port.
/// </summary>
public sealed class InboundTrunkCallTests
{
    private const string Username = "ivr-service";
    private const string Password = "correct-horse-battery";

    /// <summary>uac-hangup.xml's caller: the carrier knows this phone by it.</summary>
    private const string Patient = "5551234567";

    private static readonly string Riverside = $$"""
        id: riverside-pediatrics
        name: Riverside Pediatrics
        timeZone: America/Chicago
        numbers: ["(312) 555-0100"]
        coverage: 24/7
        greeting: greeting-riverside-pediatrics
        {{TestAgreements.Yaml}}
        clinicians: []
        rotations: []
        """;

    [Fact]
    public async Task APatientsCallFromTheCarrierOverTlsAndSrtpReachesItsPracticesIvrAndAnUnknownNumberOrNoneIsStillAnswered()
    {
        var agiPort = OwnAsterisk.FreeTcpPort();
        await using var carrier = await CarrierDouble.StartAsync(Username, Password, new Dictionary<string, int>(), [Patient]);
        await using var ours = await TrunkedAsterisk.StartAsync(carrier, Username, Password, agiPort);
        await using var service = await TrunkedService.StartAsync(ours, agiPort, new Dictionary<string, string> { ["riverside-pediatrics"] = Riverside });
        await using var ami = await AmiClient.ConnectAsync(ours.Ami);
        await Eventually.UntilAsync(
            async () => TrunkRegistrationList.Read((await ami.SendListActionAsync(new AmiAction(TrunkRegistrationList.Action))).Events, TrunkedAsterisk.TrunkName) == TrunkRegistrationState.Registered,
            TimeSpan.FromSeconds(30),
            () => Task.FromResult("the trunk to register; the carrier's log:\n" + Tail(carrier.Log)));
        var channels = new ConcurrentQueue<string>();
        await using var watch = ami.Subscribe(
            (e, _) =>
            {
                channels.Enqueue(e["Channel"] ?? string.Empty);
                return ValueTask.CompletedTask;
            },
            e => e.IsEvent("Newchannel"));
        var calls = service.Get<ICallRecordStore>();

        // The carrier sends the practice's number as the patient dialled it: without its '+', the country code first.
        var riverside = await CallThroughTheCarrierAsync(carrier, ours, service, calls, "13125550100", 0);
        Assert.Equal(("riverside-pediatrics", "13125550100"), (riverside.PracticeId, riverside.DialedNumber));
        Assert.Contains(channels, c => c.StartsWith($"PJSIP/{TrunkedAsterisk.TrunkName}-", StringComparison.Ordinal));
        var invite = Assert.Single(carrier.Sent("INVITE"));
        Assert.StartsWith("INVITE sip:13125550100@127.0.0.1:", invite, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/TLS", invite, StringComparison.Ordinal);
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", invite);
        Assert.Matches(@"a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:", invite);

        // A number no practice has is answered all the same: the service's own greeting, messages to the supervisor.
        var unknown = await CallThroughTheCarrierAsync(carrier, ours, service, calls, "+13125559999", 1);
        Assert.Equal((PracticeDirectory.UnknownPracticeId, "13125559999"), (unknown.PracticeId, unknown.DialedNumber));

        // A call to our registered contact (the account's username for its user) and no number: answered all the same.
        var noNumber = await CallThroughTheCarrierAsync(carrier, ours, service, calls, CarrierDouble.RegisteredContact, 2);
        Assert.Equal(PracticeDirectory.UnknownPracticeId, noNumber.PracticeId);
        Assert.StartsWith($"INVITE sip:{Username}@127.0.0.1:", carrier.Sent("INVITE")[^1], StringComparison.Ordinal);
    }

    /// <summary>The patient calls <paramref name="number"/> through the carrier and hangs up after two seconds of the IVR; returns the service's record of the call.</summary>
    private static async Task<CallRecord> CallThroughTheCarrierAsync(CarrierDouble carrier, TrunkedAsterisk ours, TrunkedService service, ICallRecordStore calls, string number, int before)
    {
        await using var patient = Sipp.CallAt("uac-hangup.xml", number, carrier.PhonesPort);
        var record = await Eventually.ValueAsync(
            async () => (await calls.ListAsync(10)) is { } list && list.Count > before ? list[0] : null,
            TimeSpan.FromSeconds(20),
            () => Task.FromResult($"the service to answer {number}; SIPp:\n{patient.Output}\nthe carrier:\n{Tail(carrier.Log)}\nours:\n{Tail(ours.Log)}\nthe service:\n{Tail(service.Log())}"));
        Assert.Equal(0, await patient.WaitAsync(TimeSpan.FromSeconds(20)));
        return record;
    }

    private static string Tail(string text) => text[^Math.Min(4000, text.Length)..];
}
