using Ivr.Server;
using Ivr.Data;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Testing;

/// <summary>
/// The service's own host (as <c>ivr</c> builds it) over a real SQLite file and key in a fresh
/// temporary folder; nothing is started, so no Asterisk is needed.
/// </summary>
public sealed class TempService : IAsyncDisposable
{
    public TempService()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ivr-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Host = IvrHost.Build([.. Settings]);
    }

    public string Directory { get; }

    public IHost Host { get; }

    /// <summary>The settings that point a command at this folder's database.</summary>
    public IReadOnlyList<string> Settings =>
    [
        $"--Data:ConnectionString=Data Source={Path.Combine(Directory, "ivr.db")}",
        $"--Data:KeyFile={Path.Combine(Directory, "phi.key")}",
        // Everything else the service keeps (the portal's certificate and key ring) in the same folder.
        $"--Data:Directory={Directory}",
        // Never the real Asterisk's endpoints, whatever the environment says (scripts/test exports them).
        $"--Phones:Database={Path.Combine(Directory, "phones.db")}",
    ];

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<TempService> MigratedAsync()
    {
        await Get<Database>().MigrateAsync();
        return this;
    }

    /// <summary>Runs <c>ivr ARGS</c> against this folder's database and returns its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    /// <summary>Runs <c>ivr ARGS</c> with <paramref name="input"/> as its standard input (passwords).</summary>
    public async Task<(int ExitCode, string Output)> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync([.. args, .. Settings], output, input: new StringReader(input));
        return (exitCode, output.ToString());
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
