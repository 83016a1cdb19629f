using Ivr.Asterisk.Ami;
using Ivr.Domain.Dispatch;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Trunk;
using Ivr.Testing.Trunk;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Asterisk.IntegrationTests.Trunk;

/// <summary>
/// Needs Asterisk (scripts/asterisk's Debian root or a system one) and SIPp, but not the shared Asterisk: our Asterisk
/// rendered from dialplan/ with a trunk, and a carrier double, each an Asterisk of the test's own on its own ports.
/// </summary>
public sealed class CarrierTrunkTests
{
    private const string Username = "ivr-service";
    private const string Password = "correct-horse-battery";
    private const string DoctorsCell = "+13125550142";

    private static readonly TrunkOptions Trunk = new() { Endpoint = TrunkedAsterisk.TrunkName, ServiceNumber = "312-555-0199" };

    [Fact]
    public async Task OurAsteriskRegistersOverTlsAndAPageRingsTheDoctorsCellWithTheServicesNumberAndSrtp()
    {
        var cellPort = OwnAsterisk.FreeUdpPort();
        await using var carrier = await CarrierDouble.StartAsync(Username, Password, new Dictionary<string, int> { [DoctorsCell] = cellPort });
        await using var ours = await TrunkedAsterisk.StartAsync(carrier, Username, Password);
        await using var ami = await AmiClient.ConnectAsync(ours.Ami);

        Assert.Equal(TrunkRegistrationState.Registered, await RegistrationSettlesAsync(ami, TrunkRegistrationState.Registered, carrier));
        var register = carrier.Received("REGISTER");
        Assert.Contains(register, r => r.Contains("Authorization: Digest username=\"ivr-service\"", StringComparison.Ordinal) && r.Contains("SIP/2.0/TLS", StringComparison.Ordinal));

        // The dial string and caller id the service's pager uses (the doctor's cell as a practice file writes it).
        var dialing = new TrunkDialing(Trunk, new PracticesOptions());
        var trace = Path.Combine(Path.GetTempPath(), $"doctors-cell-{Guid.NewGuid():N}.log");
        await using var cell = Sipp.AnswerOn("uas-answer.xml", cellPort, "-trace_msg", "-message_file", trace);
        var result = await ami.OriginateAsync(new AmiAction("Originate")
            .Add("Channel", dialing.PhoneDialString("(312) 555-0142"))
            .Add("Application", "Wait")
            .Add("Data", "1")
            .Add("Timeout", "20000")
            .Add("CallerID", dialing.ServiceCallerId("Answering service")));

        Assert.True(result.Answered, $"the doctor's cell answered (reason {result.Reason})\n{carrier.Log[^Math.Min(4000, carrier.Log.Length)..]}");
        Assert.Equal(0, await cell.WaitAsync(TimeSpan.FromSeconds(30)));
        var rung = File.ReadAllText(trace);
        File.Delete(trace);
        Assert.Contains("INVITE sip:13125550142@127.0.0.1", rung, StringComparison.Ordinal);
        Assert.Contains("From: \"Answering service\" <sip:+13125550199@", rung, StringComparison.Ordinal);

        // What crossed the trunk: TLS, digest on the INVITE, the caller id, and SRTP keys in the SDP.
        var invite = Assert.Single(carrier.Received("INVITE"), i => i.Contains("Authorization: Digest", StringComparison.Ordinal));
        Assert.StartsWith("INVITE sip:+13125550142@127.0.0.1:", invite, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/TLS", invite, StringComparison.Ordinal);
        Assert.Contains("P-Asserted-Identity: \"Answering service\" <sip:+13125550199@", invite, StringComparison.Ordinal);
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", invite);
        Assert.Matches(@"a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:", invite);
    }

    [Fact]
    public async Task AWrongPasswordIsRejectedByTheCarrierAndTheServicesWatchSeesTheTrunkRefused()
    {
        await using var carrier = await CarrierDouble.StartAsync(Username, Password, new Dictionary<string, int>());
        await using var ours = await TrunkedAsterisk.StartAsync(carrier, Username, "not-the-password");
        await using var ami = await AmiClient.ConnectAsync(ours.Ami);

        Assert.Equal(TrunkRegistrationState.Rejected, await RegistrationSettlesAsync(ami, TrunkRegistrationState.Rejected, carrier));
        // Refused, and tried again later (auth_rejection_permanent = no): a carrier's password change is survived.
        Assert.Matches(@"Temporal response '401' received from 'sip:127\.0\.0\.1:\d+' on registration attempt to 'sip:ivr-service@127\.0\.0\.1:\d+', retrying in '30'", ours.Log);
        Assert.Contains(carrier.Received("REGISTER"), r => r.Contains("Authorization: Digest username=\"ivr-service\"", StringComparison.Ordinal));

        // The service's watch, asking this Asterisk as the watcher does, finds the trunk refused.
        var health = new TrunkHealth(
            new TrunkOptions { Endpoint = TrunkedAsterisk.TrunkName },
            NoMail.Instance,
            new DispatchOptions(),
            TimeProvider.System,
            NullLogger<TrunkHealth>.Instance);
        await health.CheckAsync(ami);

        Assert.Equal(TrunkRegistrationState.Rejected, health.Current.State);
    }

    /// <summary>Asks Asterisk's registration list until the trunk's state is <paramref name="expected"/> (or time runs out); returns the last state.</summary>
    private static async Task<TrunkRegistrationState> RegistrationSettlesAsync(AmiClient ami, TrunkRegistrationState expected, CarrierDouble carrier)
    {
        var state = TrunkRegistrationState.Unknown;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var list = await ami.SendListActionAsync(new AmiAction(TrunkRegistrationList.Action));
            state = TrunkRegistrationList.Read(list.Events, TrunkedAsterisk.TrunkName);
            if (state == expected)
            {
                return state;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The trunk stayed {state}, not {expected}. The carrier's log:\n{carrier.Log[^Math.Min(4000, carrier.Log.Length)..]}");
        return state;
    }

    /// <summary>No supervisor email is configured here, so nothing is ever sent.</summary>
    private sealed class NoMail : IEmailSender
    {
        public static readonly NoMail Instance = new();

        public Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No supervisor email is configured: nothing is sent.");
    }
}
