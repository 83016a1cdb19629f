using System.Globalization;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// Reads a reschedule campaign's open slots as staff type them, one a line: <c>yyyy-MM-dd HH:mm</c> on the practice's
/// clock, optionally followed by a comma and the clinician. Every bad line is reported as <c>slots:LINE: what</c>, all
/// at once (a time that is not one, one already past, the same slot twice); empty lines are skipped.
/// </summary>
public static class CampaignSlotsReader
{
    public const int MaxSlots = 2_000;
    private const string Name = "slots";

    /// <param name="text">What was typed.</param>
    /// <param name="now">The practice's wall clock now: a slot before it is refused.</param>
    /// <param name="errors">Where the errors go.</param>
    public static IReadOnlyList<(DateTime StartsAt, string? Clinician)> Read(string? text, DateTime now, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var slots = new List<(DateTime, string?)>();
        var seen = new Dictionary<(DateTime, string?), int>();
        var lines = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var where = $"{Name}:{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var when = (comma < 0 ? line : line[..comma]).Trim();
            var clinician = comma < 0 ? null : line[(comma + 1)..].Trim();
            if (clinician is { Length: 0 })
            {
                clinician = null;
            }

            if (!DateTime.TryParseExact(when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                errors.Add($"{where}: '{when}' is not a time written yyyy-MM-dd HH:mm");
                continue;
            }

            if (at <= now)
            {
                errors.Add($"{where}: {when} is past");
                continue;
            }

            if (clinician is { Length: > 120 })
            {
                errors.Add($"{where}: the clinician is longer than 120 characters");
                continue;
            }

            if (!seen.TryAdd((at, clinician), i + 1))
            {
                errors.Add($"{where}: the same slot as line {seen[(at, clinician)].ToString(CultureInfo.InvariantCulture)}");
                continue;
            }

            slots.Add((at, clinician));
            if (slots.Count > MaxSlots)
            {
                errors.Add($"{where}: a campaign offers at most {MaxSlots} slots");
                break;
            }
        }

        return slots.OrderBy(s => s.Item1).ToList();
    }
}
