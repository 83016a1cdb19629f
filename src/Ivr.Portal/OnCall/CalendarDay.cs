namespace Ivr.Portal.OnCall;

/// <summary>One local day of a calendar, each layer's holders in order.</summary>
public sealed record CalendarDay(DateOnly Date, bool InMonth, IReadOnlyDictionary<int, IReadOnlyList<CalendarCell>> Layers)
{
    public IReadOnlyList<CalendarCell> On(int layer) => Layers.GetValueOrDefault(layer) ?? [];
}
