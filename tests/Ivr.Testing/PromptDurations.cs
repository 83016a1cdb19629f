
namespace Ivr.Testing;

/// <summary>How long each rendered prompt plays, read from the WAV files scripts/prompts made.</summary>
public static class PromptDurations
{
    /// <summary>Playing time of the prompts, in order, plus a little slack for Asterisk's own pacing.</summary>
    public static TimeSpan Of(params string[] promptIds) =>
        TimeSpan.FromMilliseconds(promptIds.Sum(id => Length(id).TotalMilliseconds) + (150 * promptIds.Length));

    public static TimeSpan Length(string promptId)
    {
        var path = Path.Combine(RealAsterisk.RepositoryRoot, "prompts", "audio", "generated", promptId + ".wav");
        var bytes = new FileInfo(path).Length - 44;

        // 8 kHz, 16-bit mono: 16 000 bytes a second.
        return TimeSpan.FromSeconds(bytes / 16000.0);
    }
}
