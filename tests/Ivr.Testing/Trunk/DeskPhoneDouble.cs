namespace Ivr.Testing.Trunk;

/// <summary>
/// An operator's SIP desk phone for tests, played by an Asterisk of the test's own (<see cref="OwnAsterisk"/>; SIPp here
/// has no TLS): it registers to our Asterisk's desk-phone TLS transport with the phone's username and password, checking
/// our certificate against the test's CA, answers a call for a few seconds with SRTP, and can call us (<see cref="CallAsync"/>)
/// with SRTP or, as a phone wrongly set up, plain RTP. It logs every SIP message in clear.
/// </summary>
public sealed class DeskPhoneDouble : IAsyncDisposable
{
    private const string SipLog = "phone.log";

    private readonly OwnAsterisk _asterisk;

    private DeskPhoneDouble(OwnAsterisk asterisk) => _asterisk = asterisk;

    /// <summary>Its endpoint toward our Asterisk that offers SRTP (SDES).</summary>
    public const string Srtp = "ours";

    /// <summary>Its endpoint toward our Asterisk that offers plain RTP, as a phone set up without SRTP would.</summary>
    public const string PlainRtp = "ours-plain";

    /// <summary>
    /// Starts the phone registering as <paramref name="username"/> with <paramref name="password"/> to our Asterisk's TLS
    /// transport on 127.0.0.1:<paramref name="oursTlsPort"/>, whose certificate the CA in <paramref name="certificates"/>
    /// signed (<see cref="TestCertificates"/>: <c>ca.crt</c>, and the phone's own <c>phone.crt</c> and <c>phone.key</c>).
    /// </summary>
    public static async Task<DeskPhoneDouble> StartAsync(string username, string password, int oursTlsPort, string certificates)
    {
        var asterisk = OwnAsterisk.Prepare("desk-phone");
        try
        {
            var tls = Path.Combine(asterisk.Etc, "keys");
            Directory.CreateDirectory(tls);
            foreach (var file in new[] { "ca.crt", "phone.crt", "phone.key" })
            {
                File.Copy(Path.Combine(certificates, file), Path.Combine(tls, file));
            }

            var etc = asterisk.Etc;
            File.WriteAllText(Path.Combine(etc, "asterisk.conf"), asterisk.Directories() + "[options]\nrunuser = asterisk\nrungroup = asterisk\nverbose = 3\n");
            File.Copy(Path.Combine(RepositoryFiles.Root, "dialplan", "modules.conf"), Path.Combine(etc, "modules.conf"));
            File.WriteAllText(Path.Combine(etc, "logger.conf"), $"[general]\ndateformat = %F %T\n[logfiles]\n{SipLog} => notice,warning,error,verbose\n");
            File.WriteAllText(Path.Combine(etc, "rtp.conf"), "[general]\nrtpstart = 41800\nrtpend = 42000\n");
            File.WriteAllText(Path.Combine(etc, "pjsip.conf"), PjsipConf(asterisk.Inside + "/etc/keys", oursTlsPort, username, password));
            File.WriteAllText(Path.Combine(etc, "extensions.conf"), $"[from-ours]\nexten => {username},1,Answer()\n same => n,Wait(3)\n same => n,Hangup()\n");
            return new DeskPhoneDouble(await asterisk.StartAsync());
        }
        catch
        {
            await asterisk.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything the phone logged: the SIP messages it exchanged, in clear (they were TLS on the wire).</summary>
    public string Log => _asterisk.Log(SipLog);

    /// <summary>The phone calls <paramref name="number"/> at our Asterisk through its endpoint <paramref name="endpoint"/>.</summary>
    public async Task CallAsync(string endpoint, string number) =>
        await _asterisk.CliAsync($"channel originate PJSIP/{number}@{endpoint} application Wait 2");

    public ValueTask DisposeAsync() => _asterisk.DisposeAsync();

    private static string PjsipConf(string keys, int oursTlsPort, string username, string password)
    {
        var ours = $"127.0.0.1:{OwnAsterisk.Invariant(oursTlsPort)}";
        return $"""
            [global]
            type = global
            ; Every SIP message, decrypted, into the log (logger.conf's verbose).
            debug = yes

            ; A client of our Asterisk's TLS transport: its certificate must chain to the test's CA and name 127.0.0.1.
            [phone-tls]
            type = transport
            protocol = tls
            bind = 127.0.0.1:{OwnAsterisk.Invariant(OwnAsterisk.FreeTcpPort())}
            cert_file = {keys}/phone.crt
            priv_key_file = {keys}/phone.key
            ca_list_file = {keys}/ca.crt
            verify_server = yes
            method = tlsv1_2

            [ours]
            type = registration
            transport = phone-tls
            outbound_auth = phone-auth
            server_uri = sip:{ours};transport=tls
            client_uri = sip:{username}@{ours};transport=tls
            contact_user = {username}
            retry_interval = 5
            expiration = 120

            [phone-auth]
            type = auth
            auth_type = userpass
            username = {username}
            password = {password}

            [ours]
            type = aor
            contact = sip:{ours};transport=tls

            [ours-identify]
            type = identify
            endpoint = ours
            match = 127.0.0.1

            {Endpoint(Srtp, username, "sdes")}
            {Endpoint(PlainRtp, username, "no")}
            """;
    }

    private static string Endpoint(string name, string username, string encryption) => $"""
        [{name}]
        type = endpoint
        transport = phone-tls
        context = from-ours
        disallow = all
        allow = ulaw,alaw
        media_encryption = {encryption}
        direct_media = no
        rtp_symmetric = yes
        outbound_auth = phone-auth
        aors = ours
        from_user = {username}

        """;
}
