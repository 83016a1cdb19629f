using Dapper;
using Ivr.Domain.Prompts;

namespace Ivr.Data;

/// <summary>The prompt-recording line's PINs in SQLite, as their hashes.</summary>
public sealed class SqlitePromptPinStore(Database database) : IPromptPinStore
{
    public async Task<IReadOnlyList<PromptPin>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PinRow>(new CommandDefinition("SELECT user_id, hash, set_at FROM prompt_pins ORDER BY user_id", cancellationToken: cancellationToken));
        return rows.Select(r => new PromptPin(r.user_id, r.hash, Time.Read(r.set_at))).ToList();
    }

    public async Task SetAsync(PromptPin pin, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO prompt_pins (user_id, hash, set_at) VALUES (@UserId, @Hash, @at)
            ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at
            """,
            new { pin.UserId, pin.Hash, at = Time.Write(pin.SetAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM prompt_pins WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record PinRow(long user_id, string hash, string set_at);
}
