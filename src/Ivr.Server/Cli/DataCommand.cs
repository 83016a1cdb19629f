using System.CommandLine;
using Ivr.Data;
using Ivr.Domain.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr data migrate --from sqlite --to postgres</c>: moves the service's records to a shared PostgreSQL database.</summary>
public static class DataCommand
{
    public static Command Create(CliContext context)
    {
        var data = context.WithExamples(
            new Command("data", "The database itself: move the records from SQLite to PostgreSQL (docs/postgres.md)."),
            "ivr data migrate --from sqlite --to postgres --postgres \"Host=db1;Database=ivr;Username=ivr;Password=...\"");

        var migrate = new Command("migrate", "Copy every record of the SQLite database into a new, empty PostgreSQL database, row for row (encrypted values untouched), and check the audit chain there before keeping the copy. Stop the service first.");
        var from = CliOptions.Text("--from", "the database the records are in: sqlite", "sqlite", required: true);
        var to = CliOptions.Text("--to", "the database they move to: postgres", "postgres", required: true);
        var sqlite = CliOptions.Text("--sqlite", "the SQLite file (default the service's, ivr.db in the data folder)", "FILE");
        var postgres = CliOptions.Text("--postgres", "the PostgreSQL connection string (default Data:ConnectionString when Data:Provider is postgres)", "\"Host=...;Database=...\"");
        var by = CliOptions.By();
        foreach (var option in new Option[] { from, to, sqlite, postgres, by })
        {
            migrate.Options.Add(option);
        }

        migrate.SetAction(async (parse, ct) =>
        {
            if (!string.Equals(parse.GetValue(from), "sqlite", StringComparison.OrdinalIgnoreCase) || !string.Equals(parse.GetValue(to), "postgres", StringComparison.OrdinalIgnoreCase))
            {
                throw new CommandLineException("records move one way: --from sqlite --to postgres.");
            }

            using var host = CliHost.Build(context.Settings);
            var options = host.Services.GetRequiredService<DataOptions>();
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            var file = parse.GetValue(sqlite) is { Length: > 0 } named
                ? Path.GetFullPath(named)
                : options.Provider == DataProvider.Sqlite
                    ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource
                    : Path.Combine(Path.GetFullPath(configuration[Hosting.DataDirectory.Key] is { Length: > 0 } folder ? folder : "data"), "ivr.db");
            if (!File.Exists(file))
            {
                throw new CommandLineException($"no SQLite database at {file}; name it with --sqlite FILE.");
            }

            var target = parse.GetValue(postgres) is { Length: > 0 } given
                ? given
                : options.Provider == DataProvider.Postgres
                    ? options.ConnectionString
                    : throw new CommandLineException("name the PostgreSQL database: --postgres \"Host=...;Database=...;Username=...\" (or set Data:Provider=postgres and Data:ConnectionString).");

            using var source = new SqliteDatabase(With(options, DataProvider.Sqlite, $"Data Source={file}"));
            using var destination = new PostgresDatabase(With(options, DataProvider.Postgres, target));
            var key = AuditChainKey.FromOptions(options);
            IReadOnlyDictionary<string, long> copied;
            try
            {
                copied = await new SqliteToPostgres(source, destination, key).CopyAsync(ct);
            }
            catch (DataException exception)
            {
                throw new CommandLineException(exception.Message);
            }

            foreach (var (table, rows) in copied.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                context.Output.WriteLine($"{table,-28} {rows,10}");
            }

            await new SqliteAuditLog(destination, key, new CliAuditOrigin()).RecordAsync(
                new AuditEntry(host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CliHost.Actor(parse.GetValue(by)), "data.migrate", "database", "postgres", $"{copied.Values.Sum()} row(s) from SQLite"), ct);
            context.Output.WriteLine($"copied {copied.Values.Sum()} row(s); the audit chain holds. Set Data:Provider=postgres and Data:ConnectionString, then start the service.");
            return 0;
        });
        data.Subcommands.Add(context.WithExamples(migrate, "ivr data migrate --from sqlite --to postgres --postgres \"Host=db1;Database=ivr;Username=ivr;Password=...\""));
        return data;
    }

    private static DataOptions With(DataOptions options, DataProvider provider, string connectionString) => new()
    {
        Provider = provider,
        ConnectionString = connectionString,
        KeyFile = options.KeyFile,
        Key = options.Key,
        AuditKeyFile = options.AuditKeyFile,
        AuditKey = options.AuditKey,
    };
}
