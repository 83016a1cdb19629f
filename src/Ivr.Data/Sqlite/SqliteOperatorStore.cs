using Dapper;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;

namespace Ivr.Data;

/// <summary>Operators' (and nurses') phones in SQLite, listed with their accounts.</summary>
public sealed class SqliteOperatorStore(Database database) : IOperatorStore
{
    public async Task SetPhoneAsync(long userId, string? phone, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            phone is null
                ? "DELETE FROM operator_phones WHERE user_id = @userId"
                : "INSERT INTO operator_phones (user_id, phone, changed_at) VALUES (@userId, @phone, @at) ON CONFLICT (user_id) DO UPDATE SET phone = excluded.phone, changed_at = excluded.changed_at",
            new { userId, phone, at = Time.Write(at) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OperatorRow>(new CommandDefinition(
            "SELECT u.id, u.username, u.disabled_at, p.phone, u.role FROM users u LEFT JOIN operator_phones p ON p.user_id = u.id WHERE u.role IN (@role, @nurse, @supervisor) ORDER BY u.username",
            new { role = PortalRoles.Operator, nurse = PortalRoles.Nurse, supervisor = PortalRoles.Supervisor },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OperatorAccount(r.id, r.username, r.disabled_at is not null, r.phone, r.role == PortalRoles.Supervisor, r.role == PortalRoles.Nurse)).ToList();
    }

    private sealed record OperatorRow(long id, string username, string? disabled_at, string? phone, string role);
}
