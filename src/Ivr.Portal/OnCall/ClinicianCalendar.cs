using System.Globalization;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Portal.OnCall;

/// <summary>A clinician's shifts as calendar events: who, which practice and layer, when; never anything about patients.</summary>
public static class ClinicianCalendar
{
    /// <summary>How far ahead the feed and the clinician's page look.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(56);

    /// <summary>
    /// How far back a shift in progress is followed to its real start, so its times and UID do not
    /// move with every refresh; the schedule passed in needs the overrides from this far back.
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    /// <summary>The clinician's shifts that end after <paramref name="from"/> and start before <paramref name="until"/>, merged, unclipped at the start.</summary>

    public static IReadOnlyList<CalendarEvent> Events(OnCallSchedule schedule, string clinicianId, DateTimeOffset from, DateTimeOffset until)
    {
        var practice = schedule.Practice;
        return OnCallTimeline.ShiftsOf(schedule, clinicianId, from - Lookback, until)
            .Where(s => s.Until > from)
            .Select(s => new CalendarEvent(
                Uid(practice, clinicianId, s),
                s.From,
                s.Until,
                Summary(practice, s.Layer),
                $"{practice.Clinician(clinicianId)?.Name ?? clinicianId}, {Layers.Name(s.Layer)} on call for {practice.Name}."))
            .ToArray();
    }

    public static string Summary(Practice practice, int layer) => $"On call: {practice.Name} ({Layers.Name(layer)})";

    /// <summary>The same shift keeps its UID across refreshes (its start and layer identify it).</summary>
    private static string Uid(Practice practice, string clinicianId, OnCallSegment shift) =>
        string.Create(CultureInfo.InvariantCulture, $"{practice.Id}.{clinicianId}.{shift.Layer}.{ICalendarWriter.UtcText(shift.From)}@ivr-oncall");
}
