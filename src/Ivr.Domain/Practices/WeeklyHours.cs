namespace Ivr.Domain.Practices;

/// <summary>A practice's business hours per weekday, in its local time. A day without intervals is closed.</summary>
public sealed class WeeklyHours
{
    public WeeklyHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> days) => Days = days;

    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> Days { get; }

    public static WeeklyHours Closed { get; } = new(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>());

    public IReadOnlyList<OpeningInterval> On(DayOfWeek day) => Days.TryGetValue(day, out var intervals) ? intervals : [];

    /// <summary>The interval open at a local time, if any.</summary>
    public OpeningInterval? OpenAt(DateTime local) => On(local.DayOfWeek).FirstOrDefault(i => i.Contains(TimeOnly.FromDateTime(local)));
}
