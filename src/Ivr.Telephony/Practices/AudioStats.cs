using System.Globalization;

namespace Ivr.Telephony.Practices;

/// <summary>What sox's <c>stats</c> says of a sound: its peak and RMS in dBFS (negative infinity for silence) and its length.</summary>
/// <param name="PeakDb">The loudest sample, dBFS.</param>
/// <param name="RmsDb">The RMS level, dBFS.</param>
/// <param name="Seconds">How long it plays.</param>
public sealed record AudioStats(double PeakDb, double RmsDb, double Seconds)
{
    /// <summary>Reads the <c>Pk lev dB</c>, <c>RMS lev dB</c> and <c>Length s</c> lines; null when one is missing.</summary>
    public static AudioStats? Parse(string text)
    {
        double? peak = null, rms = null, seconds = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (Value(trimmed, "Pk lev dB") is { } p)
            {
                peak = p;
            }
            else if (Value(trimmed, "RMS lev dB") is { } r)
            {
                rms = r;
            }
            else if (Value(trimmed, "Length s") is { } s)
            {
                seconds = s;
            }
        }

        return peak is { } pk && rms is { } rm && seconds is { } sec ? new AudioStats(pk, rm, sec) : null;
    }

    private static double? Value(string line, string name)
    {
        if (!line.StartsWith(name, StringComparison.Ordinal))
        {
            return null;
        }

        // A stereo file has a column per channel after the overall one; the first is the whole file's.
        var word = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return word switch
        {
            null => null,
            "-inf" => double.NegativeInfinity,
            _ => double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
        };
    }
}
