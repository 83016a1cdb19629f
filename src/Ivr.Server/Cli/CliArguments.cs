using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Server.Cli;

/// <summary>
/// A command's words: positional words, <c>--name value</c> options and <c>--flag</c>s. Words of the
/// form <c>--Section:Key=value</c> are settings for the host, not options.
/// </summary>
public sealed class CliArguments
{
    private readonly string[] _args;

    public CliArguments(string[] args, params string[] flags)
    {
        _args = args;
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var word = args[i];
            if (word.StartsWith("--", StringComparison.Ordinal) && word.Contains('='))
            {
                continue;
            }

            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                if (!flags.Contains(word))
                {
                    i++;
                }

                continue;
            }

            positional.Add(word);
        }

        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>The host settings among the words (<c>--Data:ConnectionString=...</c>).</summary>
    public string[] Settings => _args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray();

    public bool Flag(string name) => _args.Contains(name);

    public string? Option(string name)
    {
        var index = Array.IndexOf(_args, name);
        if (index < 0)
        {
            return null;
        }

        return index + 1 < _args.Length && !_args[index + 1].StartsWith("--", StringComparison.Ordinal)
            ? _args[index + 1]
            : throw new CommandLineException($"{name} needs a value.");
    }

    public string Required(string name) => Option(name) ?? throw new CommandLineException($"{name} is required.");

    public int Number(string name, int defaultValue, int min, int max)
    {
        var text = Option(name);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CommandLineException($"{name} takes a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>
    /// An instant: <c>now</c>, a time with an offset (<c>2026-12-25T02:10-06:00</c>, <c>...Z</c>), or a
    /// wall time (<c>2026-12-25T02:10</c>) read in the practice's time zone.
    /// </summary>
    public DateTimeOffset Instant(string name, ZoneClock clock, DateTimeOffset now)
    {
        var text = Option(name);
        if (text is null or "now")
        {
            return now;
        }

        if ((text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return clock.Instant(local);
        }

        throw new CommandLineException($"{name} takes a time like 2026-12-25T02:10 (the practice's local time), 2026-12-25T07:10Z, or now; not '{text}'.");
    }
}
