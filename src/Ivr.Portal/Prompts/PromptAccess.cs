using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Logging;

namespace Ivr.Portal.Prompts;

/// <summary>
/// The one way the portal reaches recorded prompts: a practice's admins for their practice's prompts (its greeting
/// among them), the supervisor for the shared prompts and any practice's. An upload is checked (size, that it is
/// audio) and prepared as a draft; keeping it puts it in use on the next call; reverting goes back to the default
/// voice. Every view, upload, keep, revert and refusal is audited (<c>prompt.view</c>, <c>prompt.prepare</c>,
/// <c>prompt.keep</c>, <c>prompt.revert</c>, <c>prompt.denied</c>).
/// </summary>
public sealed class PromptAccess(
    IPracticeStore practices,
    IPromptRecordingStore recordings,
    IPromptAudio audio,
    IPromptCatalog catalog,
    IPracticePrompts prompts,
    IAuditLog audit,
    TimeProvider time,
    ILogger<PromptAccess> logger)
{
    /// <summary>The largest upload taken.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The largest request the upload reads, well past <see cref="MaxUploadBytes"/>: a file somewhat too large is read
    /// and refused in words (its size and the limit); only a request past this is cut off by the server, and the
    /// browser shows a broken connection. The request is read only once the account is known to be signed in.
    /// </summary>
    public const long MaxUploadRequestBytes = 64 * 1024 * 1024;

    /// <summary>The owner as it appears in the portal's addresses for the shared prompts.</summary>
    public const string SharedRoute = PracticeRules.SharedPromptsName;

    /// <summary>The owner a route names: a practice id, or <see cref="PromptRecording.Shared"/> for <see cref="SharedRoute"/>.</summary>
    public static string OwnerOf(string route) => route == SharedRoute ? PromptRecording.Shared : route;

    /// <summary>The route of an owner's prompts page.</summary>
    public static string RouteOf(string owner) => owner == PromptRecording.Shared ? SharedRoute : owner;

    /// <summary>Whether <paramref name="who"/> may see and change <paramref name="owner"/>'s prompts.</summary>
    public static bool CanChange(PortalIdentity who, string owner) =>
        owner == PromptRecording.Shared ? who.Role == PortalRole.Supervisor : who.CanChangeSettingsOf(owner);

    /// <summary>An owner's prompts with the voice each uses; audited either way.</summary>
    public async Task<PromptList> OpenAsync(PortalIdentity who, string owner, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(who, owner, "prompt.view", cancellationToken) is { } refused)
        {
            return new PromptList(refused);
        }

        var practice = owner == PromptRecording.Shared ? null : await practices.GetAsync(owner, cancellationToken);
        var kept = (await recordings.ListAsync(owner, cancellationToken)).ToDictionary(r => r.PromptId, StringComparer.Ordinal);
        var manifest = catalog.Manifest();
        var ids = manifest.Select(m => m.Id).ToArray();
        var rows = new List<PromptRow>();
        if (practice is not null)
        {
            var words = practice.GreetingText.Length > 0 ? practice.GreetingText : prompts.WordsOf(practice.GreetingPromptId) ?? string.Empty;
            rows.Add(new PromptRow(PromptNumbers.Greeting, PromptRecording.Greeting, words, kept.GetValueOrDefault(PromptRecording.Greeting)));
        }

        // A practice's list is its greeting, its name and the prompts its callers hear; other practices' greetings and names are not its own.
        foreach (var entry in manifest.Where(m => practice is null || m.Id == practice.NamePromptId || !IsGreetingOrName(m.Id)))
        {
            rows.Add(new PromptRow(PromptNumbers.Of(ids, entry.Id) ?? 0, entry.Id, entry.Words, kept.GetValueOrDefault(entry.Id)));
        }

        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "prompt.view", "prompts", owner, $"{kept.Count} recorded of {rows.Count}"), cancellationToken);
        return new PromptList(LookupStatus.Found, practice?.Name ?? "Shared prompts", rows);
    }

    /// <summary>Checks an upload and prepares it as a draft of <paramref name="promptId"/>; nothing is in use until it is kept.</summary>
    public async Task<PromptChange> PrepareAsync(PortalIdentity who, string owner, string promptId, Stream upload, long length, CancellationToken cancellationToken = default)
    {
        if (await CheckPromptAsync(who, owner, promptId, "prompt.prepare", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (length <= 0)
        {
            return PromptChange.Invalid("Choose a sound file to upload.");
        }

        if (length > MaxUploadBytes)
        {
            return PromptChange.Invalid($"The file is {length / (1024.0 * 1024):0.#} MB; a recording may be at most {MaxUploadBytes / (1024 * 1024)} MB.");
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"ivr-upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await upload.CopyToAsync(file, cancellationToken);
            }

            if (!UploadedAudio.LooksLikeAudio(temporary))
            {
                return PromptChange.Invalid("That file is not a sound file this service reads. Upload a WAV, FLAC, Ogg Vorbis, AIFF or AU file.");
            }

            var draft = await audio.PrepareAsync(owner, promptId, temporary, cancellationToken);
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "prompt.prepare", "prompts", owner, $"{promptId}: draft of {draft.Seconds:0.0} s"), cancellationToken);
            return new PromptChange(PromptChangeStatus.Done, Draft: draft);
        }
        catch (PromptAudioException exception)
        {
            logger.LogInformation("An upload for prompt {PromptId} of {Owner} was refused: {Reason}", promptId, owner, exception.Message);
            return PromptChange.Invalid(exception.Message);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Keeps the draft <paramref name="draftSound"/>: the owner's callers hear it from their next call.</summary>
    public async Task<PromptChange> KeepAsync(PortalIdentity who, string owner, string promptId, string draftSound, CancellationToken cancellationToken = default)
    {
        if (await CheckPromptAsync(who, owner, promptId, "prompt.keep", cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            var kept = await audio.KeepAsync(new PromptDraft(owner, promptId, draftSound, 0), PromptVoice.Uploaded, who.Actor, cancellationToken);
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "prompt.keep", "prompts", owner, $"{promptId}: uploaded recording of {kept.Seconds:0.0} s in use"), cancellationToken);
            return new PromptChange(PromptChangeStatus.Done, Kept: kept);
        }
        catch (PromptAudioException exception)
        {
            return PromptChange.Invalid(exception.Message);
        }
    }

    /// <summary>Goes back to the default voice for <paramref name="promptId"/>.</summary>
    public async Task<PromptChange> RevertAsync(PortalIdentity who, string owner, string promptId, CancellationToken cancellationToken = default)
    {
        if (await CheckPromptAsync(who, owner, promptId, "prompt.revert", cancellationToken) is { } refused)
        {
            return refused;
        }

        var reverted = await recordings.RevertAsync(owner, promptId, who.Actor, cancellationToken);
        if (reverted)
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "prompt.revert", "prompts", owner, $"{promptId}: back to the default voice"), cancellationToken);
        }

        return new PromptChange(reverted ? PromptChangeStatus.Done : PromptChangeStatus.Unchanged);
    }

    /// <summary>
    /// The WAV of a prompt as callers of the owner hear it now (its recording, else the default voice), or of one of the
    /// owner's drafts of it; null when there is none or it is refused.
    /// </summary>
    public async Task<(LookupStatus Status, byte[]? Wav)> AudioAsync(PortalIdentity who, string owner, string promptId, string? draft, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(who, owner, "prompt.listen", cancellationToken) is { } refused)
        {
            return (refused, null);
        }

        string sound;
        if (draft is not null)
        {
            // Only a draft of this owner's prompt: the path names both.
            if (!draft.StartsWith($"ivr/.drafts/{(owner == PromptRecording.Shared ? SharedRoute : owner)}/{promptId}-", StringComparison.Ordinal))
            {
                return (LookupStatus.NotFound, null);
            }

            sound = draft;
        }
        else if ((await recordings.ListAsync(owner, cancellationToken)).FirstOrDefault(r => r.PromptId == promptId) is { } recording)
        {
            sound = recording.Sound;
        }
        else if (promptId == PromptRecording.Greeting)
        {
            var practice = owner == PromptRecording.Shared ? null : await practices.GetAsync(owner, cancellationToken);
            if (practice is null)
            {
                return (LookupStatus.NotFound, null);
            }

            sound = "ivr/" + practice.GreetingPromptId;
        }
        else
        {
            sound = "ivr/" + promptId;
        }

        var wav = await audio.ReadAsync(sound, cancellationToken);
        return (wav is null ? LookupStatus.NotFound : LookupStatus.Found, wav);
    }

    private static bool IsGreetingOrName(string id) => id.StartsWith("greeting-", StringComparison.Ordinal) || id.StartsWith("practice-name-", StringComparison.Ordinal);

    private async Task<PromptChange?> CheckPromptAsync(PortalIdentity who, string owner, string promptId, string action, CancellationToken cancellationToken)
    {
        if (await CheckAsync(who, owner, action, cancellationToken) is { } refused)
        {
            return new PromptChange(refused == LookupStatus.Denied ? PromptChangeStatus.Denied : PromptChangeStatus.NotFound);
        }

        var known = (owner != PromptRecording.Shared && promptId == PromptRecording.Greeting) || catalog.Manifest().Any(m => m.Id == promptId);
        return known ? null : new PromptChange(PromptChangeStatus.NotFound);
    }

    private async Task<LookupStatus?> CheckAsync(PortalIdentity who, string owner, string action, CancellationToken cancellationToken)
    {
        if (owner != PromptRecording.Shared && await practices.GetAsync(owner, cancellationToken) is null)
        {
            return LookupStatus.NotFound;
        }

        if (CanChange(who, owner))
        {
            return null;
        }

        logger.LogWarning("Portal user {Username} ({Role}) was refused {Action} of the prompts of {Owner}", who.Username, PortalRoles.Name(who.Role), action, owner);
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "prompt.denied", "prompts", owner,
            $"{action} refused: {PortalRoles.Name(who.Role)} of {who.PracticeId ?? "no practice"}, prompts of {(owner == PromptRecording.Shared ? "the service" : owner)}"), cancellationToken);
        return LookupStatus.Denied;
    }
}
