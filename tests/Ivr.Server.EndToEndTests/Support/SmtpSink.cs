using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 (a free port) that keeps every mail it accepts: aiosmtpd
/// (Debian's python3-aiosmtpd, installed by <c>scripts/setup</c>) writing to a Maildir in a
/// temporary folder. Needs no Asterisk.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    // Debian's package installs for the system interpreter; a python3 earlier on PATH (pyenv, a venv) may lack it.
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly Process _process;
    private readonly string _directory;
    private readonly string _maildir;
    private readonly StringBuilder _output = new();

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _maildir = Path.Combine(directory, "Maildir");
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The port to send to, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<SmtpSink> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = FreeTcpPort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "Maildir") })
        {
            start.ArgumentList.Add(argument);
        }

        var sink = new SmtpSink(Process.Start(start) ?? throw new InvalidOperationException("python3 did not start"), directory, port);
        try
        {
            await sink.WaitUntilListeningAsync(TimeSpan.FromSeconds(15));
            return sink;
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    /// <summary>The raw text (headers and body, as received) of every mail so far, oldest first.</summary>
    public IReadOnlyList<string> Messages()
    {
        // Mailbox writes each mail under tmp/ and renames it into new/, so what is there is complete.
        return new[] { "new", "cur" }
            .Select(folder => new DirectoryInfo(Path.Combine(_maildir, folder)))
            .Where(folder => folder.Exists)
            .SelectMany(folder => folder.GetFiles())
            .OrderBy(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal)
            .Select(file => File.ReadAllText(file.FullName))
            .ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> mails have arrived; fails the test otherwise.</summary>
    public Task<IReadOnlyList<string>> WaitForMessagesAsync(int count, TimeSpan timeout) =>
        Eventually.ValueAsync(
            () => Task.FromResult(Messages() is { } messages && messages.Count >= count ? messages : null),
            timeout,
            () => Task.FromResult($"{count} mail(s); {Messages().Count} arrived. aiosmtpd said:\n{Output}"),
            TimeSpan.FromMilliseconds(50));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"aiosmtpd exited ({_process.ExitCode}) before listening; scripts/setup installs python3-aiosmtpd. Output:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreeTcpPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
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
