using System.Text.RegularExpressions;
using Ivr.Asterisk.Ami;

namespace Ivr.Testing.Trunk;

/// <summary>
/// Our Asterisk with a carrier trunk, for tests: the repository's <c>dialplan/</c> rendered by
/// <c>scripts/asterisk render</c> with trunk settings pointing at a <see cref="CarrierDouble"/>, then moved onto ports and
/// folders of its own (<see cref="OwnAsterisk"/>), so the shared Asterisk keeps running untouched. Or, without a trunk,
/// with the operators' desk phones over TLS (<see cref="StartWithDeskPhonesAsync"/>).
/// </summary>
public sealed partial class TrunkedAsterisk : IAsyncDisposable
{
    private readonly OwnAsterisk _asterisk;

    private TrunkedAsterisk(OwnAsterisk asterisk, AmiClientOptions ami)
    {
        _asterisk = asterisk;
        Ami = ami;
    }

    /// <summary>The trunk's name (endpoint and registration) in the rendered pjsip.conf.</summary>
    public const string TrunkName = "trunk";

    /// <summary>How to reach its AMI (user <c>ivr</c> of manager.conf, on its own port).</summary>
    public AmiClientOptions Ami { get; }

    /// <summary>
    /// Renders and starts our Asterisk registering to <paramref name="carrier"/> as <paramref name="username"/> with
    /// <paramref name="password"/>; its calls go to the service's FastAGI on <paramref name="agiPort"/> (none by default:
    /// a port nothing listens on, so calls go to the safety net).
    /// </summary>
    public static Task<TrunkedAsterisk> StartAsync(CarrierDouble carrier, string username, string password, int? agiPort = null) =>
        StartAsync(
            new Dictionary<string, string>
            {
                ["IVR_TRUNK_HOST"] = "127.0.0.1",
                ["IVR_TRUNK_PORT"] = OwnAsterisk.Invariant(carrier.TlsPort),
                ["IVR_TRUNK_TLS_BIND"] = "127.0.0.1:" + OwnAsterisk.Invariant(OwnAsterisk.FreeTcpPort()),
                ["IVR_TRUNK_NAME"] = TrunkName,
                ["IVR_TRUNK_USERNAME"] = username,
                ["IVR_TRUNK_PASSWORD"] = password,
                ["IVR_TRUNK_CA_FILE"] = carrier.CaFile,
            },
            agiPort,
            string.Empty);

    /// <summary>
    /// Renders and starts our Asterisk, without a trunk, with the operators' desk phones over TLS on
    /// 127.0.0.1:<paramref name="tlsPort"/> (this certificate and key) and these endpoints added to its pjsip.conf.
    /// </summary>
    public static Task<TrunkedAsterisk> StartWithDeskPhonesAsync(string certificateFile, string keyFile, int tlsPort, string endpoints) =>
        StartAsync(
            new Dictionary<string, string>
            {
                ["IVR_DESK_TLS_CERT_FILE"] = certificateFile,
                ["IVR_DESK_TLS_KEY_FILE"] = keyFile,
                ["IVR_DESK_TLS_BIND"] = "127.0.0.1:" + OwnAsterisk.Invariant(tlsPort),
            },
            null,
            endpoints);

    private static async Task<TrunkedAsterisk> StartAsync(Dictionary<string, string> settings, int? agiPort, string endpoints)
    {
        var asterisk = OwnAsterisk.Prepare("ours");
        try
        {
            var environment = new Dictionary<string, string>(settings)
            {
                ["IVR_ASTERISK_ROOT"] = OwnAsterisk.Root.Length > 0 ? OwnAsterisk.Root : "/",
                // Other work's load on a shared machine must not send the test's callers to the safety net.
                ["IVR_ASTERISK_MAXLOAD"] = "0",
                ["IVR_AGI"] = "agi://127.0.0.1:" + OwnAsterisk.Invariant(agiPort ?? OwnAsterisk.FreeTcpPort()),
            };
            var (exit, output) = await OwnAsterisk.RunAsync(Path.Combine(RepositoryFiles.Root, "scripts", "asterisk"), ["render", asterisk.Etc], environment);
            if (exit != 0)
            {
                throw new InvalidOperationException("scripts/asterisk render failed: " + output);
            }

            var amiPort = OwnAsterisk.FreeTcpPort();
            var etc = asterisk.Etc;
            Edit(etc, "asterisk.conf", text => asterisk.Directories() + text[text.IndexOf("[options]", StringComparison.Ordinal)..]
                .Replace("highpriority = yes", "highpriority = no", StringComparison.Ordinal));
            Edit(etc, "pjsip.conf", text => text.Replace("bind = 127.0.0.1:5060", "bind = 127.0.0.1:" + OwnAsterisk.Invariant(OwnAsterisk.FreeUdpPort()), StringComparison.Ordinal) + endpoints);
            Edit(etc, "manager.conf", text => text.Replace("port = 5038", "port = " + OwnAsterisk.Invariant(amiPort), StringComparison.Ordinal));
            Edit(etc, "http.conf", text => EnabledLine().Replace(text, "enabled = no"));
            Edit(etc, "rtp.conf", text => text.Replace("rtpstart = 10000", "rtpstart = 41400", StringComparison.Ordinal).Replace("rtpend = 20000", "rtpend = 41600", StringComparison.Ordinal));
            Edit(etc, "res_config_sqlite3.conf", text => text.Replace("/var/lib/asterisk/phones/phones.db", asterisk.Inside + "/lib/phones.db", StringComparison.Ordinal));
            var secret = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "data", "asterisk", "ami-secret")).Trim();
            var started = await asterisk.StartAsync();
            return new TrunkedAsterisk(started, new AmiClientOptions { Host = "127.0.0.1", Port = amiPort, Username = "ivr", Secret = secret });
        }
        catch
        {
            await asterisk.DisposeAsync();
            throw;
        }
    }

    /// <summary>Its folder (configuration, spool, lib) as Asterisk sees it.</summary>
    public string Inside => _asterisk.Inside;

    /// <summary>Its folder as this process sees it.</summary>
    public string Outside => _asterisk.Outside;

    /// <summary>Its log (logger.conf's messages.log: notices, warnings and errors).</summary>
    public string Log => _asterisk.Log("messages.log");

    /// <summary>Runs one CLI command on it.</summary>
    public async Task<string> CliAsync(string command) => (await _asterisk.CliAsync(command)).Output;

    public ValueTask DisposeAsync() => _asterisk.DisposeAsync();

    private static void Edit(string etc, string file, Func<string, string> change)
    {
        var path = Path.Combine(etc, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        if (after == before)
        {
            throw new InvalidOperationException($"{file} in dialplan/ no longer has what the test Asterisk moves onto its own ports or folders.");
        }

        File.WriteAllText(path, after);
    }

    [GeneratedRegex("^enabled = yes", RegexOptions.Multiline)]
    private static partial Regex EnabledLine();
}
