using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// The code half of migration 0111: the operator role joins the roles the database accepts. SQLite
/// cannot alter a CHECK constraint, and rebuilding <c>users</c> (new table, copy, drop the old one)
/// would cascade-delete every account's second factors and orphan its sessions, whose foreign keys
/// point at it. So the constraints' text is widened in the schema itself, the procedure SQLite's
/// ALTER TABLE documentation gives for changes that leave the stored rows valid (a wider CHECK does):
/// in the migration's transaction, edit <c>sqlite_schema</c>, bump <c>schema_version</c> so every
/// connection rereads it, and check the database's integrity before committing.
/// </summary>
internal static class OperatorRoleMigration
{
    public const int Version = 111;

    private const string Before = "'clinician', 'telecom-admin')";
    private const string After = "'clinician', 'telecom-admin', 'operator')";

    public static async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await WidenRolesAsync(connection, transaction, Version, Before, After, cancellationToken);

        // Operators hear callers' numbers and type their messages: a second factor, like every role that sees patient data.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT OR IGNORE INTO second_factor_roles (role, required, changed_by, changed_at) VALUES ('operator', 1, 'default', @at)",
            new { at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Widens the role checks of <c>users</c> and <c>second_factor_roles</c> from <paramref name="before"/> to
    /// <paramref name="after"/> in the schema itself (migrations 0111 and 0116), checking the database's integrity.
    /// </summary>
    internal static async Task WidenRolesAsync(SqliteConnection connection, SqliteTransaction transaction, int version, string before, string after, CancellationToken cancellationToken)
    {
        var schemaVersion = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA schema_version", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA writable_schema = ON", transaction: transaction, cancellationToken: cancellationToken));
        var widened = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sqlite_schema SET sql = replace(sql, @Before, @After) WHERE type = 'table' AND name IN ('users', 'second_factor_roles') AND instr(sql, @Before) > 0",
            new { Before = before, After = after },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "PRAGMA schema_version = " + (schemaVersion + 1).ToString(CultureInfo.InvariantCulture),
            transaction: transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA writable_schema = OFF", transaction: transaction, cancellationToken: cancellationToken));
        if (widened != 2)
        {
            throw new DataException($"Migration {version.ToString("D4", CultureInfo.InvariantCulture)} expected the role checks of users and second_factor_roles, and found {widened}: the schema is not the one this service made.");
        }

        var integrity = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA integrity_check", transaction: transaction, cancellationToken: cancellationToken));
        if (integrity != "ok")
        {
            throw new DataException($"Migration {version.ToString("D4", CultureInfo.InvariantCulture)} left the database failing its integrity check: {integrity}");
        }
    }
}
