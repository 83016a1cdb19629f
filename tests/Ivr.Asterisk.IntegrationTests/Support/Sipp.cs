using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Asterisk.IntegrationTests.Support;

/// <summary>Runs SIPp (Debian's sip-tester) with one of our scenarios in scripts/sipp, on loopback.</summary>
public sealed class Sipp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private Sipp(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The local SIP port SIPp uses.</summary>
    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a UAC calling <paramref name="service"/> at Asterisk (127.0.0.1:5060).</summary>
    public static Sipp Call(string scenario, string service, params string[] extra) =>
        Start(scenario, ["-s", service, "127.0.0.1:5060", "-m", "1", .. extra]);

    /// <summary>Starts a UAC from a scenario file anywhere (tests that write their own), calling <paramref name="service"/>.</summary>
    public static Sipp CallScenarioFile(string path, string service) =>
        StartPath(path, ["-s", service, "127.0.0.1:5060", "-m", "1"]);

    /// <summary>Starts a UAS from a scenario file anywhere, taking <paramref name="calls"/> calls.</summary>
    public static Sipp AnswerScenarioFile(string path, int calls = 1, int? port = null) =>
        StartPath(path, ["-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture)], port);

    /// <summary>Starts a UAS that takes <paramref name="calls"/> calls.</summary>
    public static Sipp Answer(string scenario, int calls = 1, params string[] extra) =>
        Start(scenario, ["-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);

    /// <summary>Waits for SIPp to end and returns its exit code (0: every call succeeded).</summary>
    public async Task<int> WaitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("SIPp did not finish in time. Output:\n" + Output);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Sipp Start(string scenario, string[] arguments) =>
        StartPath(Path.Combine(RealAsterisk.RepositoryRoot, "scripts", "sipp", scenario), arguments);

    private static Sipp StartPath(string path, string[] arguments, int? fixedPort = null)
    {
        var port = fixedPort ?? FreeUdpPort();
        var start = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] common = ["-sf", path, "-i", "127.0.0.1", "-p", Invariant(port), "-mp", Invariant(FreeUdpPort()), "-nostdin"];
        foreach (var argument in common.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
        try
        {
            // SIPp plays the patients' keys and speech in real time; on a busy machine a late thread
            // sends a key after the prompt it answers. Threads SIPp starts later inherit this.
            process.PriorityClass = ProcessPriorityClass.High;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not allowed to raise it (not root): SIPp runs at normal priority.
        }

        return new Sipp(process, port);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
