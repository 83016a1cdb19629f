using System.Globalization;
using Ivr.Domain.Scheduling;

namespace Ivr.Domain.Outbound;

/// <summary>
/// The one place outbound calls are allowed or held back (issue 16): a number that opted out is never called again
/// (for any campaign of the practice); otherwise a call waits for the calling window on the patient's own clock, for
/// the next day once the day's calls to that number are spent, and until the oldest of the week's calls is seven days
/// old once the week's are. The first instant every rule allows is the answer; each decision names its rule.
/// A pure function: the caller passes the time and the number's earlier attempts for the campaign.
/// </summary>
public static class CallingPolicy
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <param name="rules">The practice's rules for the campaign.</param>
    /// <param name="patientZone">The patient's time zone (IANA id): the window is on their clock.</param>
    /// <param name="now">The moment the dialler would call.</param>
    /// <param name="earlierAttempts">When this number was called before for this campaign (dialled, whatever came of it).</param>
    /// <param name="optedOutAt">When the number asked to stop the practice's calls, if it did.</param>
    public static CallingDecision Decide(CallingRules rules, string patientZone, DateTimeOffset now, IReadOnlyCollection<DateTimeOffset> earlierAttempts, DateTimeOffset? optedOutAt = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Check() is { } wrong)
        {
            throw new ArgumentException($"The calling rules cannot be used: {wrong}.", nameof(rules));
        }

        if (optedOutAt is { } stopped)
        {
            return new CallingDecision(CallingVerdict.Never, null, "opt-out", $"the number asked to stop these calls on {stopped.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        var clock = new ZoneClock(patientZone);
        var at = now;
        string? rule = null;
        string? why = null;

        // Each rule can only move the moment later, so a few rounds settle it (the window can push past a day's cap and back).
        for (var round = 0; round < 16; round++)
        {
            var moved = false;
            var local = clock.Local(at);
            var today = DateOnly.FromDateTime(local);

            var onDay = earlierAttempts.Count(a => DateOnly.FromDateTime(clock.Local(a)) == today);
            if (onDay >= rules.MaxPerDay)
            {
                at = clock.Instant(today.AddDays(1).ToDateTime(rules.WindowStart));
                (rule, why, moved) = ("calls-a-day", $"{onDay} call(s) to this number today on the patient's clock, {rules.MaxPerDay} a day at most", true);
            }

            var inWeek = earlierAttempts.Where(a => a > at - Week && a <= at).Order().ToList();
            if (!moved && inWeek.Count >= rules.MaxPerWeek)
            {
                at = inWeek[inWeek.Count - rules.MaxPerWeek] + Week;
                (rule, why, moved) = ("calls-a-week", $"{inWeek.Count} call(s) to this number in the last seven days, {rules.MaxPerWeek} a week at most", true);
            }

            if (!moved)
            {
                local = clock.Local(at);
                var time = TimeOnly.FromDateTime(local);
                var day = DateOnly.FromDateTime(local);
                if (time < rules.WindowStart)
                {
                    at = clock.Instant(day.ToDateTime(rules.WindowStart));
                    (rule, why, moved) = (rule ?? "calling-window", why ?? Window(rules, clock, "before"), true);
                }
                else if (time >= rules.WindowEnd)
                {
                    at = clock.Instant(day.AddDays(1).ToDateTime(rules.WindowStart));
                    (rule, why, moved) = (rule ?? "calling-window", why ?? Window(rules, clock, "after"), true);
                }
            }

            if (!moved)
            {
                return at == now
                    ? CallingDecision.Now($"inside the calling window on the patient's clock ({clock.Describe(now)}), within the calls a day and a week")
                    : new CallingDecision(CallingVerdict.Wait, at, rule!, $"{why}: not before {clock.Describe(at)} on the patient's clock");
            }
        }

        throw new InvalidOperationException("The calling rules did not settle on a moment to call.");
    }

    private static string Window(CallingRules rules, ZoneClock clock, string side) =>
        $"{side} the calling window {rules.WindowStart.ToString("HH:mm", CultureInfo.InvariantCulture)}-{rules.WindowEnd.ToString("HH:mm", CultureInfo.InvariantCulture)} in {clock.Id}";
}
