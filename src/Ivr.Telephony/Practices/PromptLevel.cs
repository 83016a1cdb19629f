using System.Globalization;
using Ivr.Telephony.Hosting;

namespace Ivr.Telephony.Practices;

/// <summary>
/// The one loudness every prompt has, whoever made it (text-to-speech, an upload, a telephone recording): RMS
/// <see cref="TargetRmsDb"/> dBFS with peaks under <see cref="PeakCeilingDb"/> dBFS, in 8 kHz mono 16-bit WAV, so no
/// prompt is louder or quieter than the one before it. sox measures (<c>stats</c>) and applies the gain; where the
/// gain would push peaks over the ceiling a compander limits them, and a last pass lowers the whole prompt if any
/// peak is still over.
/// </summary>
public static class PromptLevel
{
    /// <summary>The loudness every prompt is brought to, as RMS in dBFS.</summary>
    public const double TargetRmsDb = -20;

    /// <summary>No sample of a prompt is louder than this, in dBFS.</summary>
    public const double PeakCeilingDb = -1;

    /// <summary>Below this peak (dBFS) audio counts as silence.</summary>
    public const double SilentPeakDb = -60;

    /// <summary>What Asterisk plays without transcoding: 8 kHz, mono, 16-bit.</summary>
    public static readonly IReadOnlyList<string> TelephoneFormat = ["-r", "8000", "-c", "1", "-b", "16"];

    /// <summary>
    /// Trims leading and trailing silence: anything quieter than 1 % of full scale for 0.1 s, after the audio's peak
    /// is raised to the ceiling first, so the threshold follows the recording rather than how loud it was made.
    /// </summary>
    public static readonly IReadOnlyList<string> TrimSilence = ["silence", "1", "0.1", "1%", "reverse", "silence", "1", "0.1", "1%", "reverse"];

    /// <summary>
    /// Makes <paramref name="source"/> (any format sox reads) into <paramref name="target"/> at the service's level,
    /// trimmed of silence first when <paramref name="trim"/>. Returns the result's measurement.
    /// </summary>
    /// <exception cref="ExternalProgramException">sox is not installed or took longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="PromptLevelException">sox could not read or write the audio.</exception>
    public static async Task<AudioStats> ApplyAsync(string sox, string source, string target, bool trim, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var stage = Path.Combine(folder, $".level-{Guid.NewGuid():N}.wav");
        try
        {
            // First pass: telephone format, peak at the ceiling (so quiet audio keeps its bits and the trim's threshold is relative).
            await RunAsync(sox, [source, .. TelephoneFormat, stage, "gain", "-n", Number(PeakCeilingDb), .. trim ? TrimSilence : []], timeout, cancellationToken);
            var measured = await MeasureAsync(sox, stage, timeout, cancellationToken);
            if (measured.Seconds <= 0 || measured.PeakDb < SilentPeakDb)
            {
                File.Move(stage, target, overwrite: true);
                return measured;
            }

            // A limited prompt loses loudness in its peaks: the gain is raised by what is missing and the limiter run again.
            var extra = 0.0;
            AudioStats result;
            for (var pass = 0; ; pass++)
            {
                var effects = Effects(measured, extra);
                await RunAsync(sox, [stage, target, .. effects], timeout, cancellationToken);
                result = await MeasureAsync(sox, target, timeout, cancellationToken);
                if (effects[0] == "gain" || pass == 2 || Math.Abs(result.RmsDb - TargetRmsDb) < 0.5)
                {
                    break;
                }

                extra += TargetRmsDb - result.RmsDb;
            }

            if (result.PeakDb > PeakCeilingDb)
            {
                await RunAsync(sox, [target, stage, "gain", Number(PeakCeilingDb - result.PeakDb - 0.05)], timeout, cancellationToken);
                File.Move(stage, target, overwrite: true);
                result = await MeasureAsync(sox, target, timeout, cancellationToken);
            }

            return result;
        }
        finally
        {
            File.Delete(stage);
        }
    }

    /// <summary>
    /// The effects that bring audio measured so to the service's level: a gain (raised by <paramref name="extra"/> dB),
    /// or, when the gain would push peaks over the ceiling, a compander that is the gain below a knee and a limiter above.
    /// </summary>
    public static IReadOnlyList<string> Effects(AudioStats measured, double extra = 0)
    {
        var gain = TargetRmsDb - measured.RmsDb + extra;
        if (measured.PeakDb + gain <= PeakCeilingDb)
        {
            return ["gain", Number(gain)];
        }

        // Its knee is 3 dB under the ceiling; its delay looks ahead so peaks are caught before they pass.
        var knee = PeakCeilingDb - 3;
        var points = string.Join(',', Number(-90), Number(-90 + gain), Number(knee - gain), Number(knee), "0", Number(PeakCeilingDb - 2.5));
        return ["compand", "0.001,0.05", "6:" + points, "0", "-90", "0.003"];
    }

    /// <summary>Measures <paramref name="file"/> with sox's <c>stats</c>.</summary>
    /// <exception cref="PromptLevelException">sox could not read it.</exception>
    public static async Task<AudioStats> MeasureAsync(string sox, string file, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await ExternalProgram.RunAsync(sox, [file, "-n", "stats"], input: null, timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PromptLevelException(result.ExitCode, result.FirstErrorLine);
        }

        return AudioStats.Parse(result.Error) ?? throw new PromptLevelException(result.ExitCode, "sox stats printed no levels");
    }

    private static async Task RunAsync(string sox, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await ExternalProgram.RunAsync(sox, arguments, input: null, timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new PromptLevelException(result.ExitCode, result.FirstErrorLine);
        }
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
