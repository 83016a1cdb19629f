using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Data;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    public ICallRecordStore Calls => Get<ICallRecordStore>();

    public IMessageStore Messages => Get<IMessageStore>();

    public IDispatchStore Dispatch => Get<IDispatchStore>();

    /// <summary>Where the portal listens, when the test turned it on (<c>--Portal:Enabled=true</c>).</summary>
    public Uri PortalAddress => new(_host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>The settings this service was started with, for command-line calls against its database.</summary>
    public IReadOnlyList<string> Settings { get; private init; } = [];

    /// <summary>Starts the service with one practice; <paramref name="phonePorts"/> are the SIP ports of its on-call chain, in order (the last is the supervisor).</summary>
    public static Task<ServiceUnderTest> StartAsync(params int[] phonePorts) =>
        StartAsync(phonePorts.Length > 0 ? phonePorts[^1] : 5079, TestPractice.Riverside(phonePorts.Length > 0 ? phonePorts[..^1] : []));

    /// <summary>Starts the service serving these practices, with the supervisor's phone on <paramref name="supervisorPort"/>.</summary>
    public static Task<ServiceUnderTest> StartAsync(int supervisorPort, params TestPractice[] practices) =>
        StartAsync(supervisorPort, ["--Dispatch:Enabled=false"], practices);

    /// <summary>Starts the service with extra settings (<c>--Section:Key=value</c>); dispatch is on unless they turn it off.</summary>
    public static async Task<ServiceUnderTest> StartAsync(int supervisorPort, string[] settings, params TestPractice[] practices)
    {
        await RealAsterisk.HangUpLeftoversAsync();
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string[] arguments = [.. Arguments(directory, supervisorPort), .. settings];
        await ImportAsync(arguments, directory, practices);
        var host = IvrHost.Build(arguments);
        await host.StartAsync();
        await WaitForAmiAsync(host);
        return new ServiceUnderTest(host, directory) { Settings = arguments };
    }

    /// <summary>
    /// A second service process beside <paramref name="first"/>, as a deployment of several runs them: the same database,
    /// key and Asterisk, its own FastAGI address (<paramref name="agiUrl"/>, which the dialplan must know as its second
    /// server), folder and log. The practices are <paramref name="first"/>'s already.
    /// </summary>
    public static async Task<ServiceUnderTest> StartBesideAsync(ServiceUnderTest first, string agiUrl, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-e2e-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string[] arguments =
        [
            .. first.Settings,
            $"--Asterisk:FastAgi:Port={new Uri(agiUrl).Port}",
            $"--Conference:AgiBase={agiUrl}",
            $"--Data:Directory={directory}",
            $"--Logging:File={LogFile(directory)}",
            .. settings,
        ];
        var host = IvrHost.Build(arguments);
        await host.StartAsync();
        await WaitForAmiAsync(host);
        return new ServiceUnderTest(host, directory) { Settings = arguments };
    }

    /// <summary>The same service as a separate process, for tests that kill it; dispatch is off unless <paramref name="settings"/> turn it on.</summary>
    public static async Task<Process> StartProcessAsync(string directory, TestPractice practice, params string[] settings)
    {
        string[] arguments = [.. Arguments(directory, 5079), .. settings.Length == 0 ? ["--Dispatch:Enabled=false"] : settings];
        await ImportAsync(arguments, directory, [practice]);
        var ivr = Path.Combine(AppContext.BaseDirectory, "ivr.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(ivr);
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments)
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

    public static Task WaitForPortAsync(int port, TimeSpan timeout) =>
        Eventually.UntilAsync(
            async () =>
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            },
            timeout,
            $"port {port} to accept connections");

    /// <summary>
    /// Waits for a caller's SIPp to end; when it does not, the failure names the states the service's
    /// latest call went through and the end of its log, so a key lost on a loaded machine can be told
    /// from a service fault.
    /// </summary>
    public async Task<int> WaitForCallerAsync(Sipp caller, TimeSpan timeout)
    {
        try
        {
            return await caller.WaitAsync(timeout);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}\nThe service's latest call: {await PatientCall.TimelineAsync(Calls, (await Calls.ListAsync(1)).FirstOrDefault())}\nThe service's log:\n{LogTail()}", timedOut);
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

    /// <summary>The database and key a service started in <paramref name="directory"/> uses, for tests that read it from outside.</summary>
    public static DataOptions DataIn(string directory) =>
        new() { ConnectionString = $"Data Source={Path.Combine(directory, "ivr.db")}", KeyFile = Path.Combine(directory, "phi.key") };

    private static IEnumerable<string> Arguments(string directory, int supervisorPort)
    {
        var ami = RealAsterisk.AmiOptions();
        yield return $"--Asterisk:Ami:Host={ami.Host}";
        yield return $"--Asterisk:Ami:Port={ami.Port}";
        yield return $"--Asterisk:Ami:Username={ami.Username}";
        yield return $"--Asterisk:Ami:Secret={ami.Secret}";
        yield return "--Asterisk:FastAgi:Port=4573";
        yield return $"--Asterisk:FastAgi:Secret={RealAsterisk.AgiSecret}";
        var data = DataIn(directory);
        yield return $"--Data:ConnectionString={data.ConnectionString}";
        yield return $"--Data:KeyFile={data.KeyFile}";
        yield return $"--Data:Directory={directory}";
        yield return $"--Recordings:HostDirectory={RealAsterisk.RecordingDirectory}";
        yield return $"--Recordings:SafetyNetKey={RealAsterisk.SafetyNetKey}";
        yield return $"--Prompts:SoundsDirectory={RealAsterisk.SoundsDirectory}";
        yield return "--CallFlow:MenuTimeout=00:00:04";
        yield return $"--Practices:Supervisor:DialString=PJSIP/sipp/sip:supervisor@127.0.0.1:{supervisorPort}";
        yield return "--Practices:Supervisor:RingTimeoutSeconds=6";
        yield return "--Portal:Enabled=false";
        yield return $"--Logging:File={LogFile(directory)}";
    }

    /// <summary>The service's log, kept in its folder so a failure can show it (it never carries patient data).</summary>
    public static string LogFile(string directory) => Path.Combine(directory, "service.log");

    /// <summary>The last lines of the service's log, read while it is still being written.</summary>
    public string LogTail(int lines = 60)
    {
        try
        {
            using var stream = new FileStream(LogFile(Directory), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(no log: {exception.Message})";
        }
    }

    /// <summary>Writes each practice's file and imports it through the command line, as an operator would.</summary>
    private static async Task ImportAsync(string[] arguments, string directory, TestPractice[] practices)
    {
        var files = practices.Select(p =>
        {
            var file = Path.Combine(directory, p.Id + ".yaml");
            File.WriteAllText(file, p.Yaml());
            return file;
        }).ToArray();
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync(["practice", "import", .. files, .. arguments], output);
        Assert.True(exitCode == 0, output.ToString());
    }

    private static async Task WaitForAmiAsync(IHost host)
    {
        var ami = host.Services.GetRequiredService<AmiConnectionService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ami.ClientAsync(timeout.Token);
    }
}
