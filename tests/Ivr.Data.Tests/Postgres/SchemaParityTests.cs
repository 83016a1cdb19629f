using Dapper;

namespace Ivr.Data.Tests.Postgres;

/// <summary>
/// The two schemas cannot drift apart silently: SQLite's numbered migrations and PostgreSQL's (its baseline, then one
/// file beside each new SQLite migration) must leave the same tables, columns (type, nullability), indexes and triggers
/// (but PostgreSQL's dispatches_notify, which wakes the dispatchers listening: SQLite has no one to tell).
/// Needs the test PostgreSQL cluster (scripts/postgres).
/// </summary>
public sealed class SchemaParityTests
{
    [Fact]
    public async Task BothProvidersMigrateToTheSameTablesAndColumns()
    {
        var (sqlite, postgres) = await BothAsync(
            """
            SELECT m.name || '.' || p.name || ' ' || upper(p.type) || CASE WHEN p."notnull" = 1 OR p.pk > 0 THEN ' not null' ELSE '' END
            FROM sqlite_schema m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            """,
            """
            SELECT table_name || '.' || column_name || ' ' ||
                CASE data_type WHEN 'bigint' THEN 'INTEGER' WHEN 'text' THEN 'TEXT' WHEN 'double precision' THEN 'REAL' WHEN 'bytea' THEN 'BLOB' ELSE data_type END ||
                CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
            FROM information_schema.columns WHERE table_schema = 'public'
            """);
        Assert.Contains("messages.id INTEGER not null", sqlite);
        Assert.Contains("user_passkeys.credential_id BLOB not null", sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public async Task BothProvidersMigrateToTheSameIndexesAndTriggers()
    {
        var (sqlite, postgres) = await BothAsync(
            "SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_autoindex%'",
            """
            SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)
            UNION ALL
            SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname <> 'dispatches_notify'
            """);
        Assert.Contains("trigger messages_ehr_handoff", sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public async Task BothProvidersStartWithTheSameSecondFactorRoles()
    {
        const string Roles = "SELECT role || '=' || CAST(required AS TEXT) FROM second_factor_roles";
        var (sqlite, postgres) = await BothAsync(Roles, Roles);
        Assert.Contains("nurse=1", sqlite);
        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public void EveryPostgresMigrationAfterTheBaselineHasItsSqliteTwin()
    {
        using var sqlite = new TempDatabase();
        var sqliteVersions = sqlite.Database.MigrationVersions;
        var postgresVersions = new PostgresDatabase(new DataOptions { Provider = DataProvider.Postgres, ConnectionString = "Host=localhost;Database=unused" }).MigrationVersions;
        var baseline = postgresVersions.Min();
        Assert.Equal(sqliteVersions.Where(v => v >= baseline), postgresVersions);
    }

    private static async Task<(string[] Sqlite, string[] Postgres)> BothAsync(string sqliteQuery, string postgresQuery)
    {
        using var sqlite = new TempDatabase(DataProvider.Sqlite);
        using var postgres = new TempDatabase(DataProvider.Postgres);
        await sqlite.Database.MigrateAsync();
        await postgres.Database.MigrateAsync();
        return (await RowsAsync(sqlite.Database, sqliteQuery), await RowsAsync(postgres.Database, postgresQuery));
    }

    private static async Task<string[]> RowsAsync(Database database, string query)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(query)).Order(StringComparer.Ordinal).ToArray();
    }
}
