using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// The code half of migration 0116: the nurse role joins the roles the database accepts, the way 0111
/// added the operator (<see cref="OperatorRoleMigration"/>: the CHECK constraints' text is widened in the
/// schema, since rebuilding <c>users</c> would cascade-delete second factors and orphan sessions).
/// </summary>
internal static class NurseRoleMigration
{
    public const int Version = 116;

    private const string Before = "'telecom-admin', 'operator')";
    private const string After = "'telecom-admin', 'operator', 'nurse')";

    public static async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await OperatorRoleMigration.WidenRolesAsync(connection, transaction, Version, Before, After, cancellationToken);

        // Nurses hear callers and read their answers: a second factor, like every role that sees patient data.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT OR IGNORE INTO second_factor_roles (role, required, changed_by, changed_at) VALUES ('nurse', 1, 'default', @at)",
            new { at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken));
    }
}
