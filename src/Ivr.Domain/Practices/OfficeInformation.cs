using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Practices;

/// <summary>
/// What a caller who asks for office information hears, at an instant, on the practice's own clock: whether the
/// office is open now and until when, or why it is closed and when it opens again (from its weekly hours, holidays
/// and closures), then the words the practice typed. Pure: the same instant always gives the same sentences, so
/// they can be rendered ahead of time (<see cref="SentencesAhead"/>) and the call only names their prompts.
/// </summary>
/// <param name="PracticeId">Whose information it is (names the prompts).</param>
/// <param name="TimeZone">The practice's IANA time zone.</param>
/// <param name="Hours">The office's weekly hours; none at all means nothing is said about opening.</param>
/// <param name="Holidays">Days the office is closed.</param>
/// <param name="Closures">One-off closures.</param>
/// <param name="Words">The address, directions, fax and website as typed.</param>
public sealed record OfficeInformation(string PracticeId, string TimeZone, WeeklyHours Hours, HolidayCalendar Holidays, IReadOnlyList<Closure> Closures, OfficeWords Words)
{
    /// <summary>How far ahead the next opening is looked for; an office closed longer is only said to be closed.</summary>
    public const int SearchDays = 62;

    /// <summary>How far ahead the sentences are rendered.</summary>
    public static readonly TimeSpan RenderAhead = TimeSpan.FromDays(14);

    /// <summary>How often a call may hear the information: after that the menu no longer offers it.</summary>
    public const int MaxPerCall = 3;

    public static OfficeInformation Of(Practice practice) =>
        new(practice.Id, practice.TimeZone, practice.Hours, practice.Holidays, practice.Closures, practice.OfficeWords);

    /// <summary>True when there is something to say: weekly hours, or words.</summary>
    public bool HasAnything => HasHours || !Words.IsEmpty;

    private bool HasHours => Hours.Days.Values.Any(d => d.Count > 0);

    /// <summary>The status sentences at <paramref name="instant"/>, or null when the office has no hours at all.</summary>
    public string? StatusAt(DateTimeOffset instant) => HasHours ? Status(new ZoneClock(TimeZone).Local(instant)) : null;

    /// <summary>The words' sentence (address, directions, fax, website), or null when the practice typed none.</summary>
    public string? WordsSpoken() => Words.IsEmpty ? null : Words.Spoken();

    /// <summary>Everything said at <paramref name="instant"/>, in order: the status, then the words.</summary>
    public IReadOnlyList<string> SentencesAt(DateTimeOffset instant) => new[] { StatusAt(instant), WordsSpoken() }.OfType<string>().ToArray();

    /// <summary>The prompt ids of <see cref="SentencesAt"/>, in the same order.</summary>
    public IReadOnlyList<string> PromptIdsAt(DateTimeOffset instant) => SentencesAt(instant).Select(s => PracticePromptIds.Of(PracticeId, s)).ToArray();

    /// <summary>
    /// Every distinct sentence a call from <paramref name="from"/> through <paramref name="span"/> later can hear: the
    /// status changes only where a day begins, an interval opens or closes, or a closure begins or ends, so the status
    /// at each of those instants is all there is.
    /// </summary>
    public IReadOnlyList<string> SentencesAhead(DateTimeOffset from, TimeSpan span)
    {
        var sentences = new List<string>();
        if (HasHours)
        {
            var clock = new ZoneClock(TimeZone);
            var start = clock.Local(from);
            var end = clock.Local(from + span);
            foreach (var moment in Boundaries(start, (int)Math.Ceiling((end - start).TotalDays) + 1).Where(b => b <= end).Prepend(start))
            {
                var status = Status(moment);
                if (!sentences.Contains(status, StringComparer.Ordinal))
                {
                    sentences.Add(status);
                }
            }
        }

        if (WordsSpoken() is { } words)
        {
            sentences.Add(words);
        }

        return sentences;
    }

    private string Status(DateTime local)
    {
        if (IsOpen(local))
        {
            var until = Boundaries(local, SearchDays).FirstOrDefault(b => !IsOpen(b));
            return until == default ? "Our office is open now." : Sentence($"Our office is open now until {Until(local, until)}");
        }

        var closed = Holidays.On(DateOnly.FromDateTime(local)) is { } holiday ? $"We are closed for {holiday.Name}."
            : Closures.FirstOrDefault(c => c.Contains(local)) is { } closure ? $"We are closed for {closure.Reason.TrimEnd('.')}."
            : "We are closed now.";
        var next = Boundaries(local, SearchDays).FirstOrDefault(IsOpen);
        return next == default ? closed : Sentence($"{closed} We open again {When(local, next)}");
    }

    /// <summary>A full stop, unless the sentence already ends with "a.m." or "p.m.".</summary>
    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private bool IsOpen(DateTime local) =>
        Hours.OpenAt(local) is not null && Holidays.On(DateOnly.FromDateTime(local)) is null && !Closures.Any(c => c.Contains(local));

    /// <summary>Every instant after <paramref name="local"/>, within <paramref name="days"/>, where being open can change; in order.</summary>
    private IEnumerable<DateTime> Boundaries(DateTime local, int days)
    {
        var first = local.Date;
        var limit = first.AddDays(days);
        var moments = new SortedSet<DateTime>();
        for (var day = first; day < limit; day = day.AddDays(1))
        {
            moments.Add(day.AddDays(1));
            foreach (var interval in Hours.On(day.DayOfWeek))
            {
                moments.Add(day + interval.Open.ToTimeSpan());
                moments.Add(interval.Close == OpeningInterval.Midnight ? day.AddDays(1) : day + interval.Close.ToTimeSpan());
            }
        }

        foreach (var closure in Closures)
        {
            moments.Add(closure.From);
            moments.Add(closure.Until);
        }

        return moments.Where(m => m > local && m <= limit);
    }

    /// <summary>"5 p.m.", "midnight", "6 a.m. tomorrow", "Monday at 8 a.m.".</summary>
    private static string Until(DateTime now, DateTime until)
    {
        var days = (until.Date - now.Date).Days;
        if (until.TimeOfDay == TimeSpan.Zero && days == 1)
        {
            return "midnight";
        }

        return days switch
        {
            0 => Time(until),
            1 => $"{Time(until)} tomorrow",
            _ => $"{Day(now, until)} at {Time(until)}",
        };
    }

    /// <summary>"today at 1 p.m.", "tomorrow at 8 a.m.", "on Monday at 8:30 a.m.", "on Monday, January 4, at 8 a.m.".</summary>
    private static string When(DateTime now, DateTime next) => (next.Date - now.Date).Days switch
    {
        0 => $"today at {Time(next)}",
        1 => $"tomorrow at {Time(next)}",
        < 7 => $"on {Day(now, next)} at {Time(next)}",
        _ => $"on {Day(now, next)}, at {Time(next)}",
    };

    private static string Day(DateTime now, DateTime day) =>
        (day.Date - now.Date).Days < 7
            ? day.ToString("dddd", CultureInfo.InvariantCulture)
            : day.ToString("dddd, MMMM d", CultureInfo.InvariantCulture);

    private static string Time(DateTime local) => (local.Hour, local.Minute) switch
    {
        (0, 0) => "midnight",
        (12, 0) => "noon",
        var (h, m) => $"{(h % 12 == 0 ? 12 : h % 12)}{(m == 0 ? string.Empty : $":{m:00}")} {(h < 12 ? "a.m." : "p.m.")}",
    };
}
