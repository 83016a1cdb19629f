namespace Ivr.Domain.Scheduling;

/// <summary>
/// Lays a schedule out over a window for calendars: each layer as consecutive segments (gaps
/// included, so a calendar can show them), and one clinician's shifts with contiguous assignments
/// merged (a weekly rotation's shift continued by an override of the same person is one shift).
/// </summary>
public static class OnCallTimeline
{
    /// <summary>The layers a calendar shows: every rotation's and override's, and always primary and backup.</summary>
    public static IReadOnlyList<int> LayersOf(OnCallSchedule schedule) =>
        schedule.Practice.Rotations.Select(r => r.Layer)
            .Concat(schedule.Overrides.Select(o => o.Layer))
            .Append(Layers.Primary)
            .Append(Layers.Backup)
            .Distinct()
            .Order()
            .ToArray();

    /// <summary>One layer over [from, until), in order, neighbours with the same holder and source merged.</summary>
    public static IReadOnlyList<OnCallSegment> Segments(OnCallSchedule schedule, int layer, DateTimeOffset from, DateTimeOffset until)
    {
        var segments = new List<OnCallSegment>();
        var at = from;
        while (at < until)
        {
            var holder = schedule.OnLayer(layer, at);
            var next = schedule.NextChange(layer, at);
            if (holder is not null && holder.Until < next)
            {
                next = holder.Until;
            }

            next = next > until ? until : next;
            var segment = new OnCallSegment(layer, at, next, holder?.ClinicianId, holder?.OverrideId);
            if (segments.Count > 0 && segments[^1] is var last && last.Until == at && last.ClinicianId == segment.ClinicianId && last.OverrideId == segment.OverrideId)
            {
                segments[^1] = last with { Until = next };
            }
            else
            {
                segments.Add(segment);
            }

            at = next;
        }

        return segments;
    }

    /// <summary>A clinician's time on call over [from, until), per layer, contiguous stretches merged whatever decided them.</summary>
    public static IReadOnlyList<OnCallSegment> ShiftsOf(OnCallSchedule schedule, string clinicianId, DateTimeOffset from, DateTimeOffset until)
    {
        var shifts = new List<OnCallSegment>();
        foreach (var layer in LayersOf(schedule))
        {
            OnCallSegment? open = null;
            foreach (var segment in Segments(schedule, layer, from, until).Where(s => s.ClinicianId == clinicianId))
            {
                if (open is not null && open.Until == segment.From)
                {
                    open = open with { Until = segment.Until, OverrideId = null };
                    continue;
                }

                if (open is not null)
                {
                    shifts.Add(open);
                }

                open = segment;
            }

            if (open is not null)
            {
                shifts.Add(open);
            }
        }

        return shifts.OrderBy(s => s.From).ThenBy(s => s.Layer).ToArray();
    }
}
