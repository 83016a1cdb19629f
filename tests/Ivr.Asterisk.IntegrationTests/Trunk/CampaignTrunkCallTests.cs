using Ivr.Asterisk.Ami;
using Ivr.Domain.Outbound;
using Ivr.Telephony.Trunk;
using Ivr.Testing.Trunk;

namespace Ivr.Asterisk.IntegrationTests.Trunk;

/// <summary>
/// Needs Asterisk (scripts/asterisk's Debian root or a system one) and SIPp, but not the shared Asterisk: the real
/// service's campaign caller dials a patient behind a carrier double through our trunk.
/// </summary>
public sealed class CampaignTrunkCallTests
{
    private const string Username = "ivr-service";
    private const string Password = "correct-horse-battery";
    private const string PatientsPhone = "+13125550142";

    [Fact]
    public async Task ACampaignCallLeavesThroughTheTrunkAndRingsThePatientWithThePracticesNumber()
    {
        var agiPort = OwnAsterisk.FreeTcpPort();
        var phonePort = OwnAsterisk.FreeUdpPort();
        await using var carrier = await CarrierDouble.StartAsync(Username, Password, new Dictionary<string, int> { [PatientsPhone] = phonePort });
        await using var ours = await TrunkedAsterisk.StartAsync(carrier, Username, Password, agiPort);
        await using var service = await TrunkedService.StartAsync(ours, agiPort, new Dictionary<string, string>(), "--Outbound:DialTemplate=PJSIP/{number}@nowhere");
        await using var ami = await AmiClient.ConnectAsync(ours.Ami);
        await Eventually.UntilAsync(
            async () => TrunkRegistrationList.Read((await ami.SendListActionAsync(new AmiAction(TrunkRegistrationList.Action))).Events, TrunkedAsterisk.TrunkName) == TrunkRegistrationState.Registered,
            TimeSpan.FromSeconds(30),
            () => Task.FromResult("the trunk to register; the carrier's log:\n" + carrier.Log[^Math.Min(4000, carrier.Log.Length)..]));

        // The patient's line is busy: the call ends at the ring, deterministically, after crossing the carrier.
        await using var phone = await SippScript.BusyPhone().AnswerAsync(phonePort);
        var result = await service.Get<IOutboundCaller>().CallAsync(new OutboundCall(1, PatientsPhone, "Riverside Pediatrics", "(312) 555-0100"));

        Assert.Equal(AttemptResult.Busy, result.Unanswered);
        var invite = Assert.Single(carrier.Received("INVITE"), i => i.Contains("Authorization: Digest", StringComparison.Ordinal));
        Assert.StartsWith("INVITE sip:+13125550142@127.0.0.1:", invite, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/TLS", invite, StringComparison.Ordinal);
        Assert.Contains("P-Asserted-Identity: \"Riverside Pediatrics\" <sip:+13125550100@", invite, StringComparison.Ordinal);
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", invite);
        var rung = Assert.Single(carrier.Sent("INVITE"));
        Assert.StartsWith("INVITE sip:13125550142@127.0.0.1:", rung, StringComparison.Ordinal);
        Assert.Contains("From: \"Riverside Pediatrics\" <sip:+13125550100@", rung, StringComparison.Ordinal);
    }
}
