using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ivr.Testing.Trunk;

/// <summary>
/// A second Asterisk of a test's own: its configuration, run, spool, log and lib folders in one folder of its own
/// (under <c>/tmp</c> of the Debian root <c>scripts/asterisk</c> built, or of this machine with a system Asterisk), its
/// own ports, started with <c>asterisk -C</c> and stopped (and its folder removed) when disposed. It never reads the
/// shared Asterisk's configuration or binds its ports.
/// </summary>
public sealed class OwnAsterisk : IAsyncDisposable
{
    private readonly Process? _process;

    private OwnAsterisk(string name)
    {
        Inside = $"/tmp/ivr-asterisk-{name}-{Guid.NewGuid():N}";
        foreach (var folder in new[] { "etc", "run", "log", "spool", "lib", "cache" })
        {
            Directory.CreateDirectory(Path.Combine(Outside, folder));
        }
    }

    private OwnAsterisk(OwnAsterisk prepared, Process process)
    {
        Inside = prepared.Inside;
        _process = process;
    }

    /// <summary>The Debian root Asterisk runs in (<c>IVR_ASTERISK_ROOT</c>, else scripts/asterisk's cache), or empty for a system Asterisk.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>This instance's folder as Asterisk sees it.</summary>
    public string Inside { get; }

    /// <summary>This instance's folder as this process sees it.</summary>
    public string Outside => Root + Inside;

    /// <summary>Its configuration folder, as this process sees it.</summary>
    public string Etc => Path.Combine(Outside, "etc");

    /// <summary>Its asterisk.conf as Asterisk sees it.</summary>
    private string Config => Inside + "/etc/asterisk.conf";

    /// <summary>A new instance's empty folders, for its configuration to be written into <see cref="Etc"/>.</summary>
    public static OwnAsterisk Prepare(string name) => new(name);

    /// <summary>
    /// The <c>[directories]</c> and <c>[options]</c> of an asterisk.conf that keeps everything in this instance's folder:
    /// a section that is not a template (<c>(!)</c> would leave Debian's defaults, the shared Asterisk's folders, in force).
    /// </summary>
    public string Directories() => $"""
        [directories]
        astcachedir => {Inside}/cache
        astetcdir => {Inside}/etc
        astmoddir => /usr/lib/x86_64-linux-gnu/asterisk/modules
        astvarlibdir => {Inside}/lib
        astdbdir => {Inside}/lib
        astkeydir => {Inside}/lib
        astdatadir => /usr/share/asterisk
        astagidir => /usr/share/asterisk/agi-bin
        astspooldir => {Inside}/spool
        astrundir => {Inside}/run
        astlogdir => {Inside}/log
        astsbindir => /usr/sbin

        """;

    /// <summary>Starts Asterisk on the configuration in <see cref="Etc"/> and waits until it has fully booted.</summary>
    public async Task<OwnAsterisk> StartAsync()
    {
        // Asterisk runs as its own user: the configuration is readable by its group, its working folders are its own.
        await RunAsync("chown", ["-R", "root:asterisk", Outside]);
        await RunAsync("chmod", ["-R", "g+rX", Outside]);
        await RunAsync("chown", ["-R", "asterisk:asterisk", .. new[] { "run", "log", "spool", "lib", "cache" }.Select(f => Path.Combine(Outside, f))]);
        var start = Command(["/usr/sbin/asterisk", "-C", Config, "-f"]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("asterisk did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new OwnAsterisk(this, process);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await started.CliAsync("core waitfullybooted")).ExitCode != 0)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await started.DisposeAsync();
                throw new InvalidOperationException($"Asterisk in {Inside} did not boot; see its log in {Outside}/log.");
            }

            await Task.Delay(250);
        }

        return started;
    }

    /// <summary>Runs one CLI command on this instance (<c>asterisk -C … -rx</c>).</summary>
    public async Task<(int ExitCode, string Output)> CliAsync(string command) => await RunAsync(Command(["/usr/sbin/asterisk", "-C", Config, "-rx", command]));

    /// <summary>The text of one of its log files (logger.conf's name), or empty while there is none.</summary>
    public string Log(string file)
    {
        var path = Path.Combine(Outside, "log", file);
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                await CliAsync("core stop now");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    // This instance's own process (chroot's child): the shared Asterisk is never touched.
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }

            _process.Dispose();
        }

        if (Directory.Exists(Outside))
        {
            Directory.Delete(Outside, recursive: true);
        }
    }

    /// <summary>A free TCP port on loopback.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free UDP port on loopback.</summary>
    public static int FreeUdpPort() => Sipp.FreeUdpPort();

    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return await RunAsync(start);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo Command(string[] arguments)
    {
        var start = new ProcessStartInfo(Root.Length > 0 ? "chroot" : arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Root.Length > 0 ? [Root, .. arguments] : arguments[1..])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string FindRoot()
    {
        var root = Environment.GetEnvironmentVariable("IVR_ASTERISK_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            return root == "/" ? string.Empty : root.TrimEnd('/');
        }

        var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ivr", "asterisk-root");
        return File.Exists(Path.Combine(cached, "usr", "sbin", "asterisk")) ? cached : string.Empty;
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
