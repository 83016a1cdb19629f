using Dapper;
using Ivr.Domain.Prompts;

namespace Ivr.Data;

/// <summary>
/// Recorded prompts in SQLite: the one in use per owner and prompt, and a history row for every keep and revert
/// (written in the same transaction, so the history never misses a change). Each change is told to
/// <see cref="PromptRecordingChanges"/>, so this process's calls hear it at once.
/// </summary>
public sealed class SqlitePromptRecordingStore(Database database, TimeProvider time, PromptRecordingChanges? changes = null) : IPromptRecordingStore
{
    private const string Columns = "owner, prompt_id, voice, sound, seconds, kept_by, kept_at";

    public async Task<IReadOnlyList<PromptRecording>> AllAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM prompt_recordings ORDER BY owner, prompt_id", null, cancellationToken);

    public async Task<IReadOnlyList<PromptRecording>> ListAsync(string owner, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM prompt_recordings WHERE owner = @owner ORDER BY prompt_id", new { owner }, cancellationToken);

    public async Task KeepAsync(PromptRecording recording, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var row = new
        {
            recording.Owner,
            recording.PromptId,
            voice = VoiceWord(recording.Voice),
            recording.Sound,
            recording.Seconds,
            recording.KeptBy,
            keptAt = Time.Write(recording.KeptAt),
        };
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO prompt_recordings ({Columns}) VALUES (@Owner, @PromptId, @voice, @Sound, @Seconds, @KeptBy, @keptAt)
            ON CONFLICT (owner, prompt_id) DO UPDATE SET voice = excluded.voice, sound = excluded.sound, seconds = excluded.seconds, kept_by = excluded.kept_by, kept_at = excluded.kept_at
            """,
            row,
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO prompt_recording_history (owner, prompt_id, action, voice, sound, seconds, \"by\", at) VALUES (@Owner, @PromptId, 'kept', @voice, @Sound, @Seconds, @KeptBy, @keptAt)",
            row,
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        changes?.Changed();
    }

    public async Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM prompt_recordings WHERE owner = @owner AND prompt_id = @promptId", new { owner, promptId }, transaction, cancellationToken: cancellationToken));
        if (removed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO prompt_recording_history (owner, prompt_id, action, voice, \"by\", at) VALUES (@owner, @promptId, 'reverted', @voice, @by, @at)",
                new { owner, promptId, voice = VoiceWord(PromptVoice.Synthetic), by, at = Time.Write(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (removed > 0)
        {
            changes?.Changed();
        }

        return removed > 0;
    }

    /// <summary>Every keep and revert of <paramref name="owner"/>'s prompts, oldest first.</summary>
    public async Task<IReadOnlyList<PromptRecordingChange>> HistoryAsync(string owner, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            "SELECT owner, prompt_id, action, voice, sound, seconds, \"by\", at FROM prompt_recording_history WHERE owner = @owner ORDER BY id", new { owner }, cancellationToken: cancellationToken));
        return rows.Select(r => new PromptRecordingChange(r.owner, r.prompt_id, r.action, ReadVoice(r.voice), r.sound, r.seconds, r.by, Time.Read(r.at))).ToArray();
    }

    private static string VoiceWord(PromptVoice voice) => voice switch
    {
        PromptVoice.Uploaded => "uploaded",
        PromptVoice.Telephone => "telephone",
        _ => "synthetic",
    };

    private static PromptVoice ReadVoice(string word) => word switch
    {
        "uploaded" => PromptVoice.Uploaded,
        "telephone" => PromptVoice.Telephone,
        "synthetic" => PromptVoice.Synthetic,
        _ => throw new DataException($"A prompt recording has the unknown voice '{word}'."),
    };

    private async Task<IReadOnlyList<PromptRecording>> QueryAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecordingRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new PromptRecording(r.owner, r.prompt_id, ReadVoice(r.voice), r.sound, r.seconds, r.kept_by, Time.Read(r.kept_at))).ToArray();
    }

    private sealed record RecordingRow(string owner, string prompt_id, string voice, string sound, double seconds, string kept_by, string kept_at);

    private sealed record HistoryRow(string owner, string prompt_id, string action, string voice, string? sound, double? seconds, string by, string at);
}
