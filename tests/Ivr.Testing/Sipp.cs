using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Testing;

/// <summary>Runs SIPp (Debian's sip-tester) on loopback, with one of our scenarios in scripts/sipp or one <see cref="SippScript"/> wrote.</summary>
public sealed class Sipp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly SippConductor? _conductor;

    private Sipp(Process process, int port, SippConductor? conductor)
    {
        _process = process;
        _conductor = conductor;
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

    /// <summary>Starts a UAC calling <paramref name="service"/> at the SIP server on 127.0.0.1:<paramref name="port"/> (a test's own, not the shared Asterisk).</summary>
    public static Sipp CallAt(string scenario, string service, int port, params string[] extra) =>
        Start(scenario, ["-s", service, "127.0.0.1:" + Invariant(port), "-m", "1", .. extra]);

    /// <summary>Starts a UAC calling <paramref name="service"/> at Asterisk (127.0.0.1:5060).</summary>
    public static Sipp Call(string scenario, string service, params string[] extra) =>
        Start(scenario, ["-s", service, "127.0.0.1:5060", "-m", "1", .. extra]);

    /// <summary>Starts a UAS that takes <paramref name="calls"/> calls.</summary>
    public static Sipp Answer(string scenario, int calls = 1, params string[] extra) =>
        Start(scenario, ["-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);

    /// <summary>Starts a UAS on SIP port <paramref name="port"/> that takes one call; <paramref name="extra"/> adds SIPp options (a message trace).</summary>
    public static Sipp AnswerOn(string scenario, int port, params string[] extra) =>
        Start(Path.Combine(RealAsterisk.RepositoryRoot, "scripts", "sipp", scenario), ["-m", "1", .. extra], port, conductor: null);

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
            var cues = _conductor is null ? string.Empty : "\nThe caller's cues:\n" + _conductor.Progress;
            throw new TimeoutException("SIPp did not finish in time." + cues + "\nOutput:\n" + Output);
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
        if (_conductor is not null)
        {
            await _conductor.DisposeAsync();
        }
    }

    private static Sipp Start(string scenario, string[] arguments) =>
        StartPath(Path.Combine(RealAsterisk.RepositoryRoot, "scripts", "sipp", scenario), arguments);

    private static Sipp StartPath(string path, string[] arguments) =>
        Start(path, arguments, FreeUdpPort(), conductor: null);

    /// <summary>Starts SIPp on SIP port <paramref name="port"/>; a <paramref name="conductor"/> releases its cues over the 3PCC twin socket.</summary>
    internal static Sipp Start(string path, string[] arguments, int port, SippConductor? conductor)
    {
        var start = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] common = ["-sf", path, "-i", "127.0.0.1", "-p", Invariant(port), "-mp", Invariant(FreeUdpPort()), "-nostdin",
            .. conductor is null ? Array.Empty<string>() : ["-3pcc", $"127.0.0.1:{Invariant(conductor.Port)}"]];
        foreach (var argument in common.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start");
        try
        {
            // SIPp plays the callers' keys and speech in real time once a cue releases them; a late
            // thread would stretch them. Threads SIPp starts later inherit this.
            process.PriorityClass = ProcessPriorityClass.High;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not allowed to raise it (not root): SIPp runs at normal priority.
        }

        return new Sipp(process, port, conductor);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static int FreeUdpPort()
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
