using System.Diagnostics;
using Ivr.Asterisk.Ami;

namespace Ivr.Testing;

/// <summary>
/// The real Asterisk that <c>scripts/asterisk start</c> runs on loopback. Settings come from the
/// environment (<c>scripts/test</c> exports them) or, failing that, from <c>scripts/asterisk env</c>.
/// </summary>
public static class RealAsterisk
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(LoadSettings);

    /// <summary>The port the dialplan's <c>test-*</c> extensions send FastAGI to.</summary>
    public const int TestAgiPort = 4574;

    public static string RepositoryRoot => RepositoryFiles.Root;

    public static AmiClientOptions AmiOptions() => new()
    {
        Host = Setting("Asterisk__Ami__Host", "127.0.0.1"),
        Port = int.Parse(Setting("Asterisk__Ami__Port", "5038")),
        Username = Setting("Asterisk__Ami__Username", "ivr"),
        Secret = Setting("Asterisk__Ami__Secret", string.Empty),
    };

    /// <summary>The key the dialplan sends with every FastAGI session (<c>data/asterisk/agi-secret</c>), for a service under test.</summary>
    public static string AgiSecret => Setting("Asterisk__FastAgi__Secret", string.Empty);

    /// <summary>
    /// The dialplan's second FastAGI server (<c>IVR_AGI_2</c>; the test Asterisk's is <c>agi://127.0.0.1:4576</c>), where a
    /// test starts a second service process; empty when the Asterisk has none.
    /// </summary>
    public static string SecondAgiUrl => Setting("IVR_AGI_2", string.Empty);

    /// <summary>Where Asterisk's recordings for the service land, as this process sees the folder.</summary>
    public static string RecordingDirectory =>
        Path.Combine(Setting("IVR_ASTERISK_SPOOL", "/var/spool/asterisk"), "recording", "ivr");

    /// <summary>The key that seals the caller's number in the safety net's notes (extensions.conf's IVR_NOTE_KEY).</summary>
    public static string SafetyNetKey => Setting("Recordings__SafetyNetKey", string.Empty);

    /// <summary>Asterisk's root folder as this process sees it (<c>/</c> for a system Asterisk).</summary>
    public static string Root => Setting("IVR_ASTERISK_ROOT", "/");

    /// <summary>Asterisk's sounds folder as this process sees it; typed greetings are rendered into its <c>ivr/</c>.</summary>
    public static string SoundsDirectory => Setting("Prompts__SoundsDirectory", "/usr/share/asterisk/sounds");

    /// <summary>The operators' endpoints Asterisk reads (res_config_sqlite3.conf), as this process sees the file.</summary>
    public static string PhonesDatabase =>
        Setting("Phones__Database", Path.Combine(Root, "var", "lib", "asterisk", "phones", "phones.db"));

    /// <summary>Asterisk's WebSocket for softphones (http.conf, pjsip.conf's transport-ws).</summary>
    public static string SoftphoneWebSocketUrl => Setting("Softphone__WebSocketUrl", "ws://127.0.0.1:8088/ws");

    /// <summary>Active channels now, through AMI CoreShowChannels.</summary>
    public static async Task<int> ChannelCountAsync(AmiClient client)
    {
        var list = await client.SendListActionAsync(new AmiAction("CoreShowChannels"));
        return list.Events.Count(e => e.IsEvent("CoreShowChannel"));
    }

    /// <summary>A test that failed part-way may leave calls up; each test starts from an idle Asterisk.</summary>
    public static async Task HangUpLeftoversAsync()
    {
        await using var ami = await AmiClient.ConnectAsync(AmiOptions());
        if (await ChannelCountAsync(ami) > 0)
        {
            // Hangup with a pattern (the AMI user has the call class, not command: no CLI commands).
            await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", "/.*/"));
            await AssertNoChannelsLeftAsync(ami);
        }
    }

    /// <summary>Each channel up now, as its name, application and data.</summary>
    private static async Task<IReadOnlyList<string>> ChannelsAsync(AmiClient client)
    {
        var list = await client.SendListActionAsync(new AmiAction("CoreShowChannels"));
        return list.Events.Where(e => e.IsEvent("CoreShowChannel")).Select(e => $"{e["Channel"]} in {e["Application"]}({e["ApplicationData"]})").ToList();
    }

    /// <summary>Waits until Asterisk has no channels left; fails the test otherwise.</summary>
    public static async Task AssertNoChannelsLeftAsync(AmiClient client, TimeSpan? timeout = null)
    {
        IReadOnlyList<string> left = [];
        await Eventually.UntilAsync(
            async () => (left = await ChannelsAsync(client)).Count == 0,
            timeout ?? TimeSpan.FromSeconds(15),
            () => Task.FromResult($"Asterisk to have no channels ({left.Count} still up: {string.Join("; ", left)})"));
    }

    private static string Setting(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) ?? (Settings.Value.TryGetValue(name, out var value) ? value : fallback);

    private static IReadOnlyDictionary<string, string> LoadSettings()
    {
        var script = Path.Combine(RepositoryRoot, "scripts", "asterisk");
        var start = new ProcessStartInfo(script, "env") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'scripts/asterisk env' failed ({process.ExitCode}): {process.StandardError.ReadToEnd()} — run ./scripts/test, or scripts/asterisk start first.");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}
