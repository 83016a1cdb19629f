using Ivr.Asterisk.Ami;
using Ivr.Testing.Trunk;

namespace Ivr.Asterisk.IntegrationTests.Trunk;

/// <summary>
/// Needs Asterisk (scripts/asterisk's Debian root or a system one) but not the shared Asterisk: our Asterisk rendered
/// from dialplan/ with the operators' desk phones over TLS (a certificate from a CA made for the test), and a desk phone
/// played by an Asterisk of the test's own (SIPp here has no TLS), with an account written on the desk-phone-tls template.
/// </summary>
public sealed class DeskPhoneTlsTests : IAsyncLifetime
{
    private const string Username = "desk-sam";
    private const string Password = "desk-phone-password-1";

    private static readonly string Account = $"""

        [{Username}](desk-phone-tls)
        auth = {Username}
        aors = {Username}

        [{Username}]
        type = auth
        auth_type = userpass
        username = {Username}
        password = {Password}

        [{Username}]
        type = aor
        max_contacts = 1
        remove_existing = yes

        """;

    private readonly string _certificates = Path.Combine(Path.GetTempPath(), $"desk-tls-{Guid.NewGuid():N}");
    private TrunkedAsterisk? _ours;
    private DeskPhoneDouble? _phone;

    private TrunkedAsterisk Ours => _ours!;

    private DeskPhoneDouble Phone => _phone!;

    public async Task InitializeAsync()
    {
        await TestCertificates.MakeAuthorityAsync(_certificates);
        await TestCertificates.IssueAsync(_certificates, "ours");
        await TestCertificates.IssueAsync(_certificates, "phone");
        var tlsPort = OwnAsterisk.FreeTcpPort();
        _ours = await TrunkedAsterisk.StartWithDeskPhonesAsync(Path.Combine(_certificates, "ours.crt"), Path.Combine(_certificates, "ours.key"), tlsPort, Account);
        _phone = await DeskPhoneDouble.StartAsync(Username, Password, tlsPort, _certificates);

        // Registered over TLS: our Asterisk keeps the phone's contact with its transport.
        await Eventually.UntilAsync(
            async () => (await Ours.CliAsync("pjsip show contacts")).Contains($"{Username}/sip:{Username}@", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            async () => $"the desk phone to register; ours: {await Ours.CliAsync("pjsip show contacts")}\nthe phone's log:\n{Tail(Phone.Log)}");
    }

    [Fact]
    public async Task ADeskPhoneRegistersOverTlsWithItsPasswordAndTheDeskRingsItWithSrtp()
    {
        var register = SipMessages.Sent(Phone.Log, "REGISTER");
        Assert.Contains(register, r => r.Contains("Via: SIP/2.0/TLS", StringComparison.Ordinal) && r.Contains($"Authorization: Digest username=\"{Username}\"", StringComparison.Ordinal));
        Assert.Contains("transport=tls", (await Ours.CliAsync($"pjsip show aor {Username}")).ToLowerInvariant(), StringComparison.Ordinal);

        // The desk rings an operator's phone by originating to its dial string.
        await using var ami = await AmiClient.ConnectAsync(Ours.Ami);
        var result = await ami.OriginateAsync(new AmiAction("Originate")
            .Add("Channel", $"PJSIP/{Username}")
            .Add("Application", "Wait")
            .Add("Data", "1")
            .Add("Timeout", "10000")
            .Add("CallerID", "\"Desk\" <desk>"));

        Assert.True(result.Answered, $"the desk phone answered (reason {result.Reason})\n{Tail(Phone.Log)}");
        var invite = Assert.Single(SipMessages.Received(Phone.Log, "INVITE"));
        Assert.Contains("Via: SIP/2.0/TLS", invite, StringComparison.Ordinal);
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", invite);
        Assert.Matches(@"a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:", invite);
    }

    [Fact]
    public async Task ACallFromTheDeskPhoneOfferingPlainRtpIsRefusedWhileTheSameAccountOfferingSrtpIsTaken()
    {
        await Phone.CallAsync(DeskPhoneDouble.PlainRtp, "7000");
        var refused = await Eventually.ValueAsync(
            () => SipMessages.ReceivedResponses(Phone.Log).FirstOrDefault(r => r.StartsWith("SIP/2.0 488 ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "our Asterisk to refuse the plain RTP offer with 488");
        Assert.Contains("CSeq: ", refused, StringComparison.Ordinal);
        Assert.Contains(SipMessages.Sent(Phone.Log, "INVITE"), i => i.Contains("Authorization: Digest", StringComparison.Ordinal) && i.Contains("RTP/AVP ", StringComparison.Ordinal));

        // With SRTP the media is acceptable: the call reaches the dialplan, whose ivr-operator-phone turns it away (403).
        await Phone.CallAsync(DeskPhoneDouble.Srtp, "7000");
        await Eventually.ValueAsync(
            () => SipMessages.ReceivedResponses(Phone.Log).FirstOrDefault(r => r.StartsWith("SIP/2.0 403 ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "the SRTP call to pass media negotiation and be turned away by the dialplan");
        Assert.Single(SipMessages.ReceivedResponses(Phone.Log), r => r.StartsWith("SIP/2.0 488 ", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_phone is not null)
        {
            await _phone.DisposeAsync();
        }

        if (_ours is not null)
        {
            await _ours.DisposeAsync();
        }

        Directory.Delete(_certificates, recursive: true);
    }

    private static string Tail(string text) => text[^Math.Min(4000, text.Length)..];
}
