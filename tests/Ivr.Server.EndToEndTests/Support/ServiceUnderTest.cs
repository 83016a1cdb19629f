using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Asterisk.IntegrationTests.Support;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>
/// The real service (the same host <c>ivr serve</c> builds) on the production FastAGI port, with its
/// own SQLite file and key in a temporary folder, and the on-call chain pointed at SIPp phones.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly IHost _host;

    private ServiceUnderTest(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
    }

    public string Directory { get; }

    public ICallRecordStore Calls => _host.Services.GetRequiredService<ICallRecordStore>();

    public IMessageStore Messages => _host.Services.GetRequiredService<IMessageStore>();

    /// <summary>Starts the service; <paramref name="phonePorts"/> are the SIP ports of the on-call chain, in order (the last is the supervisor).</summary>
    public static async Task<ServiceUnderTest> StartAsync(params int[] phonePorts)
    {
        await RealAsterisk.HangUpLeftoversAsync();
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var host = IvrHost.Build([.. Arguments(directory, phonePorts)]);
        await host.StartAsync();
        await WaitForAmiAsync(host);
        return new ServiceUnderTest(host, directory);
    }

    /// <summary>The same service as a separate process, for tests that kill it.</summary>
    public static Process StartProcess(string directory, params int[] phonePorts)
    {
        var ivr = Path.Combine(AppContext.BaseDirectory, "ivr.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(ivr);
        start.ArgumentList.Add("serve");
        foreach (var argument in Arguments(directory, phonePorts))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(15));
        _host.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static IEnumerable<string> Arguments(string directory, int[] phonePorts)
    {
        var ami = RealAsterisk.AmiOptions();
        yield return $"--Asterisk:Ami:Host={ami.Host}";
        yield return $"--Asterisk:Ami:Port={ami.Port}";
        yield return $"--Asterisk:Ami:Username={ami.Username}";
        yield return $"--Asterisk:Ami:Secret={ami.Secret}";
        yield return "--Asterisk:FastAgi:Port=4573";
        yield return $"--Data:ConnectionString=Data Source={Path.Combine(directory, "ivr.db")}";
        yield return $"--Data:KeyFile={Path.Combine(directory, "phi.key")}";
        yield return $"--Recordings:HostDirectory={RealAsterisk.RecordingDirectory}";
        yield return "--CallFlow:MenuTimeout=00:00:04";
        for (var i = 0; i < phonePorts.Length - 1; i++)
        {
            yield return $"--Practice:OnCall:{i}:ClinicianId=dr-{i + 1}";
            yield return $"--Practice:OnCall:{i}:DisplayName=Doctor {i + 1}";
            yield return $"--Practice:OnCall:{i}:DialString=PJSIP/sipp/sip:doctor{i + 1}@127.0.0.1:{phonePorts[i]}";
            yield return $"--Practice:OnCall:{i}:RingTimeoutSeconds=6";
        }

        if (phonePorts.Length > 0)
        {
            yield return $"--Practice:Supervisor:DialString=PJSIP/sipp/sip:supervisor@127.0.0.1:{phonePorts[^1]}";
            yield return "--Practice:Supervisor:RingTimeoutSeconds=6";
        }
    }

    private static async Task WaitForAmiAsync(IHost host)
    {
        var ami = host.Services.GetRequiredService<AmiConnectionService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ami.ClientAsync(timeout.Token);
    }
}
