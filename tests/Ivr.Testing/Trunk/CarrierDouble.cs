using System.Text;

namespace Ivr.Testing.Trunk;

/// <summary>
/// A carrier for tests: a second Asterisk (<see cref="OwnAsterisk"/>) that listens for SIP over TLS with a certificate
/// from a CA made for the test, asks digest authentication of every REGISTER and INVITE from our service's account,
/// and routes calls to E.164 numbers (<c>+1…</c>) to SIPp phones on loopback, in plain RTP (the phones are not ours).
/// Patients' phones (SIPp, identified by their number as From user) call the customer's numbers through it: the carrier
/// sends those calls to the customer's registered contact over TLS with SRTP, the number as they dialled it.
/// It logs every SIP message it sends and receives (pjsip.conf's <c>debug</c>), so a test reads what came over TLS.
/// </summary>
public sealed class CarrierDouble : IAsyncDisposable
{
    /// <summary>The log file every SIP message goes to, in the carrier's log folder.</summary>
    private const string SipLog = "carrier.log";

    private readonly OwnAsterisk _asterisk;

    private CarrierDouble(OwnAsterisk asterisk, int tlsPort, int phonesPort, string caFile)
    {
        _asterisk = asterisk;
        TlsPort = tlsPort;
        PhonesPort = phonesPort;
        CaFile = caFile;
    }

    /// <summary>The carrier's SIP over TLS port on 127.0.0.1.</summary>
    public int TlsPort { get; }

    /// <summary>What a patient's phone dials for a call the carrier sends to the customer's registered contact unchanged.</summary>
    public const string RegisteredContact = "registered-contact";

    /// <summary>The carrier's SIP port for phones (UDP on 127.0.0.1): a patient's SIPp calls a practice's number here.</summary>
    public int PhonesPort { get; }

    /// <summary>The CA that signed the carrier's certificate (for 127.0.0.1), as this process sees the file.</summary>
    public string CaFile { get; }

    /// <summary>
    /// Starts the carrier with one customer account (<paramref name="username"/>, <paramref name="password"/>) and a
    /// route per number: <c>+13125550142</c> → the SIPp phone on that UDP port. Each of <paramref name="patients"/> (a
    /// number a SIPp phone puts in From) may call through the carrier to the customer.
    /// </summary>
    public static async Task<CarrierDouble> StartAsync(string username, string password, IReadOnlyDictionary<string, int> phones, IReadOnlyList<string>? patients = null)
    {
        var asterisk = OwnAsterisk.Prepare("carrier");
        try
        {
            var tls = Path.Combine(asterisk.Outside, "tls");
            await TestCertificates.MakeAuthorityAsync(tls);
            await TestCertificates.IssueAsync(tls, "carrier");
            var tlsPort = OwnAsterisk.FreeTcpPort();
            var phonesPort = OwnAsterisk.FreeUdpPort();
            var etc = asterisk.Etc;
            File.WriteAllText(Path.Combine(etc, "asterisk.conf"), asterisk.Directories() + "[options]\nrunuser = asterisk\nrungroup = asterisk\nverbose = 3\n");
            File.Copy(Path.Combine(RepositoryFiles.Root, "dialplan", "modules.conf"), Path.Combine(etc, "modules.conf"));
            File.WriteAllText(Path.Combine(etc, "logger.conf"), $"[general]\ndateformat = %F %T\n[logfiles]\n{SipLog} => notice,warning,error,verbose\n");
            File.WriteAllText(Path.Combine(etc, "rtp.conf"), "[general]\nrtpstart = 41000\nrtpend = 41200\n");
            File.WriteAllText(Path.Combine(etc, "pjsip.conf"), PjsipConf(asterisk.Inside + "/tls", tlsPort, phonesPort, username, password) + Patients(patients ?? []));
            File.WriteAllText(Path.Combine(etc, "extensions.conf"), Extensions(phones, username));
            return new CarrierDouble(await asterisk.StartAsync(), tlsPort, phonesPort, Path.Combine(tls, "ca.crt"));
        }
        catch
        {
            await asterisk.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything the carrier logged: the SIP messages it exchanged, in clear (they were TLS on the wire).</summary>
    public string Log => _asterisk.Log(SipLog);

    /// <summary>The SIP requests named <paramref name="method"/> the carrier received, each with its headers and body.</summary>
    public IReadOnlyList<string> Received(string method) =>
        SipMessages.Received(Log, method);

    /// <summary>The SIP requests named <paramref name="method"/> the carrier sent, each with its headers and body.</summary>
    public IReadOnlyList<string> Sent(string method) =>
        SipMessages.Sent(Log, method);

    public ValueTask DisposeAsync() => _asterisk.DisposeAsync();

    private static string PjsipConf(string tls, int tlsPort, int phonesPort, string username, string password) => $"""
        [global]
        type = global
        ; Every SIP message, decrypted, into the log (logger.conf's verbose).
        debug = yes
        ; A patient's phone is its own endpoint by its From user; everything else from 127.0.0.1 is the customer.
        endpoint_identifier_order = username,ip

        [carrier-tls]
        type = transport
        protocol = tls
        bind = 127.0.0.1:{tlsPort}
        cert_file = {tls}/carrier.crt
        priv_key_file = {tls}/carrier.key
        method = tlsv1_2

        [carrier-udp]
        type = transport
        protocol = udp
        bind = 127.0.0.1:{phonesPort}

        ; The customer's account: the AOR is named as the username a REGISTER's To carries.
        [{username}]
        type = endpoint
        transport = carrier-tls
        context = from-customer
        disallow = all
        allow = ulaw,alaw
        media_encryption = sdes
        direct_media = no
        rtp_symmetric = yes
        auth = customer-auth
        aors = {username}

        [customer-auth]
        type = auth
        auth_type = userpass
        username = {username}
        password = {password}

        [{username}]
        type = aor
        max_contacts = 1
        remove_existing = yes

        [customer-identify]
        type = identify
        endpoint = {username}
        match = 127.0.0.1

        ; The phones the carrier rings (never identified: they only answer).
        [phones]
        type = endpoint
        transport = carrier-udp
        context = from-phones
        disallow = all
        allow = alaw,ulaw
        direct_media = no

        """;

    /// <summary>A patient's phone: an endpoint named as its number (the From user it calls with), no password, plain RTP.</summary>
    private static string Patients(IEnumerable<string> patients) => string.Concat(patients.Select(number => $"""

        [{number}]
        type = endpoint
        transport = carrier-udp
        context = from-phones
        disallow = all
        allow = alaw,ulaw
        direct_media = no

        """));

    private static string Extensions(IReadOnlyDictionary<string, int> phones, string username)
    {
        var text = new StringBuilder("[from-customer]\n");
        foreach (var (number, port) in phones)
        {
            text.Append($"exten => {number},1,Dial(PJSIP/phones/sip:{number.TrimStart('+')}@127.0.0.1:{OwnAsterisk.Invariant(port)},30)\n same => n,Hangup()\n");
        }

        // A number the carrier does not know: "unallocated number".
        text.Append("exten => _X.,1,Hangup(1)\nexten => _+X.,1,Hangup(1)\n\n");

        // A patient dialling a customer's number: to the customer's registered contact, the number as dialled.
        text.Append($"[from-phones]\nexten => _[+0-9].,1,Dial(PJSIP/${{EXTEN}}@{username},30)\n same => n,Hangup()\n");

        // As some carriers do: to the registered contact as it is (the customer's username as its user), no number.
        text.Append($"exten => {RegisteredContact},1,Dial(PJSIP/{username},30)\n same => n,Hangup()\n");
        return text.ToString();
    }
}
