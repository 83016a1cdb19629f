using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Reports;

/// <summary>
/// A month of service, of one practice or every practice, counted on one zone's wall clock: calls per
/// day and per hour of day, how many came outside business hours, how fast messages were
/// acknowledged and resolved, how many escalated, and each practice's billable minutes.
/// </summary>
public sealed record MonthlyReport(
    ReportMonth Month,
    int Calls,
    IReadOnlyList<int> CallsPerDay,
    IReadOnlyList<int> CallsPerHour,
    int AfterHoursCalls,
    int Messages,
    DurationStats TimeToAcknowledge,
    DurationStats TimeToContact,
    int Escalations,
    IReadOnlyList<PracticeBilling> Billing)
{
    /// <summary>Builds the report; <paramref name="clock"/> is the zone days and hours are counted in (UTC when null).</summary>
    public static MonthlyReport Build(ReportMonth month, ZoneClock? clock, IReadOnlyList<ReportCall> calls, IReadOnlyList<ReportMessage> messages)
    {
        var perDay = new int[month.Days];
        var perHour = new int[24];
        foreach (var call in calls)
        {
            var local = clock is null ? call.StartedAt.UtcDateTime : clock.Local(call.StartedAt);
            if (local.Year == month.Year && local.Month == month.Month)
            {
                perDay[local.Day - 1]++;
            }

            perHour[local.Hour]++;
        }

        return new MonthlyReport(
            month,
            calls.Count,
            perDay,
            perHour,
            calls.Count(c => OutsideHours(c.RouteReason)),
            messages.Count,
            DurationStats.Of(messages.Where(m => m.AcknowledgedAt is not null).Select(m => m.AcknowledgedAt!.Value - m.ReceivedAt)),
            DurationStats.Of(messages.Where(m => m.ResolvedAt is not null).Select(m => m.ResolvedAt!.Value - m.ReceivedAt)),
            messages.Count(m => m.Escalated),
            PracticeBilling.Of(calls));
    }

    /// <summary>
    /// True when the coverage rule that routed the call was not business hours: after hours, a holiday,
    /// a closure (the reasons <c>CoverageCalendar</c> writes). Calls of 24/7 practices, whose reason does
    /// not say the hour, and calls with no reason recorded are not counted.
    /// </summary>
    public static bool OutsideHours(string? routeReason) =>
        !string.IsNullOrEmpty(routeReason)
        && !routeReason.StartsWith("business hours", StringComparison.Ordinal)
        && !routeReason.StartsWith("24/7", StringComparison.Ordinal);
}
