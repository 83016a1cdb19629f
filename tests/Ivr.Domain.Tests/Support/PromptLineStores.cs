using System.Collections.Concurrent;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Prompts;

namespace Ivr.Domain.Tests.Support;

/// <summary>In-memory PINs, accounts, recordings in use and prompt audio for the prompt-recording line; drafts and keeps are logged.</summary>
public sealed class PromptLineStores(ConcurrentQueue<string> log, TimeProvider time) : IPromptPinStore, IUserStore, IPromptRecordingStore, IPromptAudio, IAuditLog, IAuditTrail
{
    private readonly List<PromptPin> _pins = [];
    private readonly List<PortalUser> _users = [];

    public List<PromptRecording> InUse { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    /// <summary>Recordings <see cref="PrepareAsync"/> refuses, by path.</summary>
    public HashSet<string> Unusable { get; } = [];

    /// <summary>Adds an account with a PIN.</summary>
    public PortalUser With(string username, PortalRole role, string? practiceId, string pin)
    {
        var user = new PortalUser { Id = _users.Count + 1, Username = username, PasswordHash = "x", Role = role, PracticeId = practiceId, CreatedAt = time.GetUtcNow() };
        _users.Add(user);
        _pins.Add(new PromptPin(user.Id, PromptPinHash.Of(pin), time.GetUtcNow()));
        return user;
    }

    public Task<IReadOnlyList<PromptPin>> AllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<PromptPin>>(_pins);

    public Task SetAsync(PromptPin pin, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RemoveAsync(long userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PortalUser?> GetAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult(_users.FirstOrDefault(u => u.Id == id));

    public Task<long> AddAsync(PortalUser user, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PortalUser?> FindAsync(string username, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PortalUser>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PortalUser?> RecordFailureAsync(long id, LockoutPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ClearFailuresAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetDisabledAsync(long id, DateTimeOffset? disabledAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RemoveAsync(long id, DateTimeOffset now, string unusableHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetRoleAsync(long id, PortalRole role, string? practiceId, string? clinicianId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    Task<IReadOnlyList<PromptRecording>> IPromptRecordingStore.AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PromptRecording>>(InUse);

    Task<IReadOnlyList<PromptRecording>> IPromptRecordingStore.ListAsync(string owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PromptRecording>>(InUse.Where(r => r.Owner == owner).ToList());

    Task IPromptRecordingStore.KeepAsync(PromptRecording recording, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PromptDraft> PrepareAsync(string owner, string promptId, string sourceFile, CancellationToken cancellationToken)
    {
        if (Unusable.Contains(sourceFile))
        {
            log.Enqueue("unusable " + sourceFile);
            throw new PromptAudioException("The recording is silent.");
        }

        var draft = new PromptDraft(owner, promptId, $"ivr/drafts/{Path.GetFileNameWithoutExtension(sourceFile)}", 2.5);
        log.Enqueue($"draft {draft.Sound} of {owner}/{promptId}");
        return Task.FromResult(draft);
    }

    public Task<byte[]?> ReadAsync(string sound, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PromptRecording> KeepAsync(PromptDraft draft, PromptVoice voice, string keptBy, CancellationToken cancellationToken)
    {
        log.Enqueue($"keep {draft.Sound} as {voice} by {keptBy}");
        var kept = new PromptRecording(draft.Owner, draft.PromptId, voice, draft.Sound.Replace("drafts/", string.Empty, StringComparison.Ordinal), draft.Seconds, keptBy, time.GetUtcNow());
        InUse.RemoveAll(r => r.Owner == kept.Owner && r.PromptId == kept.PromptId);
        InUse.Add(kept);
        return Task.FromResult(kept);
    }

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Audit.Add(entry);
        return Task.CompletedTask;
    }

    Task<IReadOnlyList<AuditEntry>> IAuditLog.ListAsync(int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AuditEntry>>(Audit);

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, int offset, int limit, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        var rows = Audit.Select((e, i) => new AuditRecord(i + 1, e, null)).Where(r => Matches(query, r.Entry));
        return Task.FromResult<IReadOnlyList<AuditRecord>>((newestFirst ? rows.Reverse() : rows).Skip(offset).Take(limit).ToList());
    }

    public Task<int> CountAsync(AuditQuery query, CancellationToken cancellationToken = default) => Task.FromResult(Audit.Count(e => Matches(query, e)));

    /// <summary>The criteria the line uses: when and which action (exact, or an area ending in a dot).</summary>
    private static bool Matches(AuditQuery query, AuditEntry entry) =>
        (query.From is null || entry.At >= query.From)
        && (query.Until is null || entry.At < query.Until)
        && (query.Action is null || (query.Action.EndsWith('.') ? entry.Action.StartsWith(query.Action, StringComparison.Ordinal) : entry.Action == query.Action));
}
