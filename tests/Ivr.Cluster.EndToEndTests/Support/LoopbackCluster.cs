using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ivr.Data;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Cluster.EndToEndTests.Support;

/// <summary>
/// The cluster <c>scripts/cluster start</c> runs on loopback: Kamailio in front of two Asterisk servers, and two
/// service processes on one database. Its addresses, ports and pid files come from <c>scripts/cluster env</c>; the
/// database is the one <see cref="UseDatabase"/> names (a PostgreSQL database of the run's own), passed to both
/// services every time a part is started.
/// </summary>
public static class LoopbackCluster
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(() => ParseEnv(Run("env")));
    private static readonly string WebhookSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static ClusterDatabase? _store;
    private static Database? _database;

    /// <summary>Where patients call: Kamailio (host:port).</summary>
    public static string ProxyAddress => Setting("IVR_CLUSTER_KAMAILIO");

    /// <summary>Asterisk server <paramref name="n"/>'s SIP address as Kamailio's dispatcher lists it.</summary>
    public static string AsteriskUri(int n) => "sip:" + Setting($"IVR_CLUSTER_ASTERISK_{n}_SIP");

    /// <summary>Asterisk server <paramref name="n"/>'s own SIP address (host:port), for a patient who calls it directly.</summary>
    public static string AsteriskAddress(int n) => Setting($"IVR_CLUSTER_ASTERISK_{n}_SIP");

    /// <summary>A login to Asterisk server <paramref name="n"/>'s AMI, as the services have.</summary>
    public static Ivr.Asterisk.Ami.AmiClientOptions AmiOptions(int n) => new()
    {
        Port = int.Parse(Setting($"IVR_CLUSTER_ASTERISK_{n}_AMI_PORT"), System.Globalization.CultureInfo.InvariantCulture),
        Username = Setting("IVR_CLUSTER_AMI_USERNAME"),
        Secret = Setting("IVR_CLUSTER_AMI_SECRET"),
    };

    /// <summary>The prefix of every uniqueid Asterisk server <paramref name="n"/> makes (its system name).</summary>
    public static string UniqueIdPrefix(int n) => Setting($"IVR_CLUSTER_ASTERISK_{n}_SYSTEM_NAME") + "-";

    /// <summary>Service <paramref name="n"/>'s FastAGI port.</summary>
    public static int FastAgiPort(int n) => int.Parse(Setting($"IVR_CLUSTER_SERVICE_{n}_FASTAGI_PORT"));

    /// <summary>Service <paramref name="n"/>'s portal (the desk page), whose softphones register with the other Asterisk.</summary>
    public static Uri PortalAddress(int n) => new(Setting($"IVR_CLUSTER_SERVICE_{n}_PORTAL"));

    /// <summary>The operators' endpoints both Asterisk servers read, as a command on this machine writes them.</summary>
    public static string PhonesDatabase => Setting("IVR_CLUSTER_PHONES_DB");

    /// <summary>The database both services share, as a command or a test reads it.</summary>
    public static DataOptions Data => _store is { } store
        ? store.Options(Setting("IVR_CLUSTER_DATA_KEY_FILE"))
        : new() { ConnectionString = Setting("IVR_CLUSTER_DATA_CONNECTION_STRING"), KeyFile = Setting("IVR_CLUSTER_DATA_KEY_FILE") };

    /// <summary>The same, as the settings of an <c>ivr</c> command.</summary>
    public static IReadOnlyList<string> DataSettings =>
        [$"--Data:Provider={Data.Provider.ToString().ToLowerInvariant()}", $"--Data:ConnectionString={Data.ConnectionString}", $"--Data:KeyFile={Data.KeyFile}"];

    public static Database Database => _database ??= Database.For(Data);

    public static ICallRecordStore Calls => new SqliteCallRecordStore(Database, PhiProtector.FromOptions(Data));

    public static IMessageStore Messages => new SqliteMessageStore(Database, PhiProtector.FromOptions(Data));

    /// <summary>The folder both Asterisk servers write their recordings and the safety net's notes under, as this machine sees it.</summary>
    public static string Spool => Setting("IVR_CLUSTER_SPOOL");

    /// <summary>Runs both services on <paramref name="store"/> from the next start on.</summary>
    public static void UseDatabase(ClusterDatabase store)
    {
        _store = store;
        _database?.Dispose();
        _database = null;
    }

    /// <summary>Starts whatever part of the cluster is not running (all of it, the first time).</summary>
    public static void Start() => Run("start");

    public static void Stop() => Run("stop");

    public static bool IsRunning()
    {
        var (code, _) = RunScript("status");
        return code == 0;
    }

    /// <summary>Kills Asterisk server <paramref name="n"/> at once (kill -9): no goodbye to Kamailio or to its calls.</summary>
    public static void KillAsterisk(int n) => Kill(Setting($"IVR_CLUSTER_ASTERISK_{n}_PID_FILE"));

    /// <summary>Kills service <paramref name="n"/> at once (kill -9).</summary>
    public static void KillService(int n) => Kill(Setting($"IVR_CLUSTER_SERVICE_{n}_PID_FILE"));

    /// <summary>Each destination of Kamailio's dispatcher set with its flags (A active, I inactive, P probing), from kamcmd.</summary>
    public static IReadOnlyDictionary<string, string> Destinations()
    {
        var output = Exec("kamcmd", "-s", Setting("IVR_CLUSTER_KAMAILIO_CONTROL"), "dispatcher.list");
        return KamcmdDispatcherList.Parse(output);
    }

    /// <summary>Waits until Kamailio holds both Asterisk servers active and both services take FastAGI sessions and serve their portals.</summary>
    public static Task WaitUntilBothServersTakeCallsAsync() =>
        Eventually.UntilAsync(
            async () => Destinations() is var set
                && set.TryGetValue(AsteriskUri(1), out var first) && KamcmdDispatcherList.TakesCalls(first)
                && set.TryGetValue(AsteriskUri(2), out var second) && KamcmdDispatcherList.TakesCalls(second)
                && await AcceptsAsync(FastAgiPort(1)) && await AcceptsAsync(FastAgiPort(2))
                && await AcceptsAsync(PortalAddress(1).Port) && await AcceptsAsync(PortalAddress(2).Port),
            TimeSpan.FromSeconds(60),
            () => Task.FromResult($"both Asterisk servers active in Kamailio's set and both services listening, FastAGI and portal (the set: {string.Join(", ", Destinations().Select(d => $"{d.Key} {d.Value}"))})"));

    /// <summary>Whether anything accepts connections on <paramref name="port"/> of loopback.</summary>
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Kill(string pidFile)
    {
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        Exec("kill", "-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Setting(string name) =>
        Settings.Value.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"scripts/cluster env printed no {name}");

    private static string Run(string command)
    {
        var (code, output) = RunScript(command);
        if (code != 0)
        {
            throw new InvalidOperationException($"'scripts/cluster {command}' failed ({code}):\n{output}");
        }

        return output;
    }

    private static (int Code, string Output) RunScript(string command)
    {
        var script = Path.Combine(RepositoryFiles.Root, "scripts", "cluster");
        return ExecWithCode(script, command);
    }

    private static string Exec(string file, params string[] arguments)
    {
        var (code, output) = ExecWithCode(file, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed ({code}):\n{output}");
    }

    private static (int Code, string Output) ExecWithCode(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (_store is { } store)
        {
            start.Environment["IVR_CLUSTER_SERVICE_SETTINGS"] = store.ServiceSettings;
        }

        // The services sign their webhooks (the practice's pages reach the test through one); a secret for this run,
        // in the environment the services inherit rather than on their command lines.
        start.Environment["Notifications__Webhook__Secret"] = WebhookSecret;

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static IReadOnlyDictionary<string, string> ParseEnv(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
}
