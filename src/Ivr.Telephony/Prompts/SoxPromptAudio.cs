using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ivr.Domain.Prompts;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Prompts;

/// <summary>
/// Makes uploads and telephone recordings into prompts with sox, at the one level every prompt has
/// (<see cref="PromptLevel"/>). Drafts live in a hidden <c>.drafts</c> folder under Asterisk's <c>ivr/</c> sounds;
/// a kept recording is copied to <c>ivr/recorded/OWNER/PROMPT-HASH.wav</c>, a new file each time, so a call still
/// playing the one before is not disturbed. Keeping stores it (<see cref="IPromptRecordingStore"/>), which tells the
/// calls' lookup.
/// </summary>
public sealed partial class SoxPromptAudio(
    IPromptRecordingStore store,
    IOptions<PromptsOptions> options,
    TimeProvider time) : IPromptAudio
{
    /// <summary>The longest a prompt may play once trimmed.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromSeconds(60);

    /// <summary>Drafts nobody kept are removed after this long.</summary>
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(1);

    /// <summary>The hidden folder under <c>ivr/</c> drafts are prepared in.</summary>
    public const string DraftsFolder = ".drafts";

    /// <summary>The folder under <c>ivr/</c> kept recordings are copied to.</summary>
    public const string RecordedFolder = "recorded";

    public async Task<PromptDraft> PrepareAsync(string owner, string promptId, string sourceFile, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folder = Path.Combine(settings.SoundsDirectory, "ivr", DraftsFolder, OwnerFolder(owner));
        Directory.CreateDirectory(folder);
        RemoveOldDrafts(Path.Combine(settings.SoundsDirectory, "ivr", DraftsFolder));
        var name = $"{Segment(promptId, nameof(promptId))}-{Guid.NewGuid():N}";
        var target = Path.Combine(folder, name + ".wav");
        AudioStats result;
        try
        {
            var source = await PromptLevel.MeasureAsync(settings.Sox, sourceFile, settings.RenderTimeout, cancellationToken);
            if (source.Seconds <= 0 || source.PeakDb < PromptLevel.SilentPeakDb)
            {
                throw new PromptAudioException("The recording is silent: nothing in it could be heard.");
            }

            result = await PromptLevel.ApplyAsync(settings.Sox, sourceFile, target, trim: true, settings.RenderTimeout, cancellationToken);
        }
        catch (PromptLevelException exception)
        {
            throw new PromptAudioException("The file could not be read as audio. Upload a WAV, FLAC, Ogg Vorbis, AIFF or AU file.", exception);
        }
        catch (ExternalProgramException exception)
        {
            throw new PromptAudioException(exception.TimedOut ? "Preparing the recording took too long; try a shorter file." : "Recordings cannot be prepared here: sox is not installed.", exception);
        }

        if (result.Seconds <= 0 || result.PeakDb < PromptLevel.SilentPeakDb)
        {
            File.Delete(target);
            throw new PromptAudioException("The recording is silent: nothing in it could be heard.");
        }

        if (result.Seconds > MaxLength.TotalSeconds)
        {
            File.Delete(target);
            throw new PromptAudioException($"The recording plays {Math.Round(result.Seconds)} seconds once its silence is trimmed; a prompt may be at most {MaxLength.TotalSeconds:0} seconds.");
        }

        return new PromptDraft(owner, promptId, $"ivr/{DraftsFolder}/{OwnerFolder(owner)}/{name}", Math.Round(result.Seconds, 2));
    }

    public async Task<byte[]?> ReadAsync(string sound, CancellationToken cancellationToken)
    {
        var path = HostPath(sound);
        return path is not null && File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public async Task<PromptRecording> KeepAsync(PromptDraft draft, PromptVoice voice, string keptBy, CancellationToken cancellationToken)
    {
        var ownerFolder = OwnerFolder(draft.Owner);
        var prompt = Segment(draft.PromptId, nameof(draft));
        if (!draft.Sound.StartsWith($"ivr/{DraftsFolder}/{ownerFolder}/{prompt}-", StringComparison.Ordinal) || HostPath(draft.Sound) is not { } source || !File.Exists(source))
        {
            throw new PromptAudioException("That draft is no longer there; upload the recording again.");
        }

        var settings = options.Value;
        // The length is measured again rather than taken from the draft, which may have come back from a browser.
        var seconds = (await PromptLevel.MeasureAsync(settings.Sox, source, settings.RenderTimeout, cancellationToken)).Seconds;
        var bytes = await File.ReadAllBytesAsync(source, cancellationToken);
        var name = $"{prompt}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
        var folder = Path.Combine(settings.SoundsDirectory, "ivr", RecordedFolder, ownerFolder);
        Directory.CreateDirectory(folder);
        var kept = Path.Combine(folder, name + ".wav");
        var partial = kept + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancellationToken);
        File.Move(partial, kept, overwrite: true);
        var recording = new PromptRecording(draft.Owner, draft.PromptId, voice, $"ivr/{RecordedFolder}/{ownerFolder}/{name}", Math.Round(seconds, 2), keptBy, time.GetUtcNow());
        await store.KeepAsync(recording, cancellationToken);
        File.Delete(source);
        return recording;
    }

    /// <summary>The folder an owner's drafts and recordings go in: the practice id, or <c>shared</c>.</summary>
    public static string OwnerFolder(string owner) => owner == PromptRecording.Shared ? "shared" : Segment(owner, nameof(owner));

    /// <summary>The file under the sounds folder that plays <paramref name="sound"/>, or null when it is not an <c>ivr/</c> sound.</summary>
    public string? HostPath(string sound)
    {
        if (!SoundName().IsMatch(sound))
        {
            return null;
        }

        var root = Path.GetFullPath(Path.Combine(options.Value.SoundsDirectory, "ivr")) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(options.Value.SoundsDirectory, sound + ".wav"));
        return path.StartsWith(root, StringComparison.Ordinal) ? path : null;
    }

    private static string Segment(string value, string what) =>
        SafeSegment().IsMatch(value) ? value : throw new ArgumentException($"'{value}' cannot name a prompt's file.", what);

    private void RemoveOldDrafts(string drafts)
    {
        var before = time.GetUtcNow().UtcDateTime - DraftLifetime;
        foreach (var file in Directory.EnumerateFiles(drafts, "*.wav", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(file) < before)
            {
                File.Delete(file);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex SafeSegment();

    [GeneratedRegex(@"^ivr(/(\.drafts|[A-Za-z0-9][A-Za-z0-9_-]{0,120}))+$")]
    private static partial Regex SoundName();
}
