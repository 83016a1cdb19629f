using Ivr.Server;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Testing.Trunk;

/// <summary>
/// The real service (the host <c>ivr serve</c> builds) for a <see cref="TrunkedAsterisk"/>: its AMI, FastAGI on
/// the port that Asterisk's dialplan was rendered with, the trunk's settings, and its own SQLite
/// file and key in a temporary folder, with the practices a test imports as an operator would (<c>ivr practice import</c>).
/// Dispatch and the portal are off.
/// </summary>
public sealed class TrunkedService : IAsyncDisposable
{
    private readonly IHost _host;

    private TrunkedService(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
    }

    public string Directory { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Starts the service for <paramref name="asterisk"/> with these practice files (YAML) imported first.</summary>
    public static async Task<TrunkedService> StartAsync(TrunkedAsterisk asterisk, int agiPort, IReadOnlyDictionary<string, string> practiceFiles, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-trunked-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var data = Path.Combine(RepositoryFiles.Root, "data", "asterisk");
        string[] arguments =
        [
            $"--Asterisk:Ami:Host={asterisk.Ami.Host}",
            $"--Asterisk:Ami:Port={asterisk.Ami.Port}",
            $"--Asterisk:Ami:Username={asterisk.Ami.Username}",
            $"--Asterisk:Ami:Secret={asterisk.Ami.Secret}",
            $"--Asterisk:FastAgi:Port={agiPort}",
            $"--Asterisk:FastAgi:Secret={File.ReadAllText(Path.Combine(data, "agi-secret")).Trim()}",
            $"--Data:ConnectionString=Data Source={Path.Combine(directory, "ivr.db")}",
            $"--Data:KeyFile={Path.Combine(directory, "phi.key")}",
            $"--Data:Directory={directory}",
            $"--Phones:Database={Path.Combine(directory, "phones.db")}",
            $"--Recordings:AsteriskDirectory={asterisk.Inside}/spool/recording/ivr",
            $"--Recordings:HostDirectory={asterisk.Outside}/spool/recording/ivr",
            $"--Recordings:PlaybackDirectory={asterisk.Inside}/spool/playback",
            $"--Recordings:PlaybackHostDirectory={asterisk.Outside}/spool/playback",
            $"--Recordings:SafetyNetKey={File.ReadAllText(Path.Combine(data, "safety-net-key")).Trim()}",
            $"--Prompts:SoundsDirectory={OwnAsterisk.Root}/usr/share/asterisk/sounds",
            $"--Trunk:Endpoint={TrunkedAsterisk.TrunkName}",
            "--Dispatch:Enabled=false",
            "--Portal:Enabled=false",
            $"--Logging:File={Path.Combine(directory, "service.log")}",
            .. settings,
        ];

        var files = practiceFiles.Select(p =>
        {
            var file = Path.Combine(directory, p.Key + ".yaml");
            File.WriteAllText(file, p.Value);
            return file;
        }).ToArray();
        var output = new StringWriter();
        if (files.Length > 0 && await IvrCommandLine.RunAsync(["practice", "import", .. files, .. arguments], output) != 0)
        {
            throw new InvalidOperationException("ivr practice import failed: " + output);
        }

        var host = IvrHost.Build(arguments);
        await host.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<AmiConnectionService>().ClientAsync(timeout.Token);
        return new TrunkedService(host, directory);
    }

    /// <summary>The service's log (it never carries patient data), for a failure to show.</summary>
    public string Log()
    {
        try
        {
            using var stream = new FileStream(Path.Combine(Directory, "service.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException exception)
        {
            return $"(no log: {exception.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(15));
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
