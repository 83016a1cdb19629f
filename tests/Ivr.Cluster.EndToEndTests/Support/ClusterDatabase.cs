using System.Diagnostics;
using Ivr.Data;
using Npgsql;

namespace Ivr.Cluster.EndToEndTests.Support;

/// <summary>
/// The cluster's shared store: a fresh database in the checkout's throwaway PostgreSQL (<c>scripts/postgres</c>), made
/// for one run and dropped after it. The server itself can be stopped and started again on the same port, as a database
/// server that went away and came back.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly bool _startedServer;

    private ClusterDatabase(string admin, string name, bool startedServer)
    {
        _admin = admin;
        _startedServer = startedServer;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The Npgsql connection string of this run's database.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts the checkout's PostgreSQL when it is not running and makes a database of its own for this run.</summary>
    public static async Task<ClusterDatabase> CreateAsync()
    {
        var startedServer = !IsServerRunning();
        Postgres("start");
        var env = Postgres("env").Trim();
        // IVR_TEST_POSTGRES='Host=...;Port=...;Username=ivr;Database=postgres'
        var admin = env[(env.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('\'');
        var name = "ivr_cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new ClusterDatabase(admin, name, startedServer);
    }

    /// <summary>The settings both services get (<c>IVR_CLUSTER_SERVICE_SETTINGS</c>).</summary>
    public string ServiceSettings => $"--Data:Provider=postgres --Data:ConnectionString={ConnectionString}";

    public DataOptions Options(string keyFile) => new() { Provider = DataProvider.Postgres, ConnectionString = ConnectionString, KeyFile = keyFile };

    /// <summary>Stops the server at once (<c>pg_ctl stop -m fast</c>: every session is ended), keeping its data.</summary>
    public static void StopServer() => Postgres("down");

    /// <summary>Starts the server again, on the port it had.</summary>
    public static void StartServer() => Postgres("start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_startedServer)
        {
            Postgres("stop");
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static bool IsServerRunning() => Run("status").Code == 0;

    private static string Postgres(string command)
    {
        var (code, output) = Run(command);
        return code == 0 ? output : throw new InvalidOperationException($"'scripts/postgres {command}' failed ({code}):\n{output}");
    }

    private static (int Code, string Output) Run(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryFiles.Root, "scripts", "postgres")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
