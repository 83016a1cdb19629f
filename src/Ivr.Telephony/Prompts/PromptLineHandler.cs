using Ivr.Asterisk.Agi;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Prompts;

/// <summary>
/// The telephone prompt-recording line (FastAGI script <c>prompt-line</c>, the dialplan's internal extension 7767):
/// runs <see cref="PromptLineFlow"/> on the caller's line with the manifest's prompt numbers as they are now.
/// </summary>
public sealed class PromptLineHandler(
    IPromptPinStore pins,
    IUserStore users,
    IPromptRecordingStore recordings,
    IPracticeStore practices,
    IPromptAudio audio,
    IAuditLog audit,
    IAuditTrail trail,
    IOptions<PracticesOptions> practiceOptions,
    IOptions<RecordingOptions> recordingOptions,
    IOptions<CallFlowOptions> options,
    TimeProvider time,
    ILogger<PromptLineHandler> logger)
{
    public const string Script = VoiceScripts.PromptLine;

    public async Task HandleAsync(AgiChannel channel, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["UniqueId"] = channel.Request.UniqueId });
        var ids = ManifestIds(practiceOptions.Value.PromptManifest);
        if (ids.Count == 0)
        {
            logger.LogWarning("The prompt manifest {Manifest} is missing or empty, so the prompt-recording line knows no prompt number but the greeting", practiceOptions.Value.PromptManifest);
        }

        using var line = new AgiPromptLineChannel(channel, recordingOptions.Value);
        var session = new PromptLineSession(channel.Request.UniqueId);
        await new PromptLineFlow(line, session, new PromptLineDependencies(pins, users, recordings, practices, audio, audit, trail, ids, time, options.Value)).RunAsync(cancellationToken);
        logger.LogInformation(
            "Prompt-recording line ended in {State}: {Kept} recording(s) kept by {User}",
            session.State,
            session.Kept.Count,
            session.User?.Username ?? "nobody (no PIN accepted)");
    }

    /// <summary>The manifest's prompt ids in file order: what the numbers keyed on the line count.</summary>
    public static IReadOnlyList<string> ManifestIds(string path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            var id = line.Split('|', 2)[0].Trim();
            if (id.Length > 0 && !id.StartsWith('#') && !ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
