using Ivr.Domain.Practices;

namespace Ivr.Domain.Scheduling;

/// <summary>
/// Lints a practice's schedule over a window: intervals with no primary, scheduled members without
/// a verified voice contact, holidays not fully covered, and handoffs on daylight-saving edges.
/// </summary>
public static class ScheduleCheck
{
    public static IReadOnlyList<ScheduleFinding> Run(OnCallSchedule schedule, DateTimeOffset from, DateTimeOffset until)
    {
        var practice = schedule.Practice;
        var clock = practice.Clock();
        var findings = new List<ScheduleFinding>();
        var gaps = PrimaryGaps(schedule, from, until);
        findings.AddRange(gaps.Select(g => new ScheduleFinding(
            practice.Id, FindingKind.NoPrimary, g.From, g.Until, $"no primary on call from {clock.Describe(g.From)} to {clock.Describe(g.Until)}")));

        var scheduled = practice.Rotations.SelectMany(r => r.Members)
            .Concat(schedule.Overrides.Where(o => o.Until > from && o.From < until).Select(o => o.ClinicianId))
            .Distinct(StringComparer.Ordinal);
        foreach (var id in scheduled)
        {
            var clinician = practice.Clinician(id);
            if (clinician is null || !clinician.HasVerifiedVoiceContact)
            {
                findings.Add(new ScheduleFinding(practice.Id, FindingKind.NoVerifiedContact, null, null,
                    clinician is null ? $"'{id}' is scheduled but is not a clinician of the practice" : $"{clinician.Name} ({id}) has no verified phone or SIP contact"));
            }
        }

        var firstDay = DateOnly.FromDateTime(clock.Local(from));
        var lastDay = DateOnly.FromDateTime(clock.Local(until));
        foreach (var holiday in practice.Holidays.Between(firstDay, lastDay))
        {
            var dayStart = clock.Instant(holiday.Date.ToDateTime(TimeOnly.MinValue));
            var dayEnd = clock.Instant(holiday.Date.AddDays(1).ToDateTime(TimeOnly.MinValue));
            if (gaps.Any(g => g.From < dayEnd && g.Until > dayStart))
            {
                findings.Add(new ScheduleFinding(practice.Id, FindingKind.HolidayUncovered, dayStart, dayEnd, $"{holiday.Name} on {holiday.Date:yyyy-MM-dd} has hours with no primary on call"));
            }
        }

        foreach (var rotation in practice.Rotations)
        {
            foreach (var handoff in rotation.HandoffsBetween(firstDay, lastDay))
            {
                if (clock.IsGap(handoff))
                {
                    findings.Add(new ScheduleFinding(practice.Id, FindingKind.HandoffInGap, clock.Instant(handoff), null,
                        $"rotation '{rotation.Name}' hands off at {handoff:yyyy-MM-dd HH:mm}, a time skipped by the change to daylight saving; the handoff happens at {clock.Describe(clock.Instant(handoff))}"));
                }
                else if (clock.IsOverlap(handoff))
                {
                    findings.Add(new ScheduleFinding(practice.Id, FindingKind.HandoffInOverlap, clock.Instant(handoff), null,
                        $"rotation '{rotation.Name}' hands off at {handoff:yyyy-MM-dd HH:mm}, a time that happens twice when daylight saving ends; the handoff happens the first time, {clock.Describe(clock.Instant(handoff))}"));
                }
            }
        }

        return findings;
    }

    /// <summary>The intervals in [from, until) with no primary, merged.</summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset Until)> PrimaryGaps(OnCallSchedule schedule, DateTimeOffset from, DateTimeOffset until)
    {
        var gaps = new List<(DateTimeOffset From, DateTimeOffset Until)>();
        var at = from;
        while (at < until)
        {
            var holder = schedule.OnLayer(Layers.Primary, at);
            var next = schedule.NextChange(Layers.Primary, at);
            if (holder is not null && holder.Until < next)
            {
                next = holder.Until;
            }

            next = next > until ? until : next;
            if (holder is null)
            {
                if (gaps.Count > 0 && gaps[^1].Until == at)
                {
                    gaps[^1] = (gaps[^1].From, next);
                }
                else
                {
                    gaps.Add((at, next));
                }
            }

            at = next;
        }

        return gaps;
    }
}
