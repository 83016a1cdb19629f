namespace Ivr.Domain.Desk;

/// <summary>
/// How busy an operator (or, with a null <paramref name="Operator"/>, every operator together) was over a
/// period: time on calls and in wrap-up (<paramref name="Busy"/>) over time at the desk, signed in in any
/// status (<paramref name="AtDesk"/>).
/// </summary>
public sealed record OperatorOccupancy(string? Operator, TimeSpan AtDesk, TimeSpan Busy)
{
    /// <summary>Busy over at the desk, from 0 to 1; null for no time at the desk.</summary>
    public double? Share => AtDesk > TimeSpan.Zero ? Math.Min(1, Busy / AtDesk) : null;

    /// <summary>
    /// Each operator's occupancy over [<paramref name="from"/>, <paramref name="until"/>), by name, and all
    /// of them together (the sums of their times). A status lasts from its change to the operator's next,
    /// or to <paramref name="until"/>. Busy is the time in <see cref="OperatorStatus.OnCall"/> or
    /// <see cref="OperatorStatus.WrapUp"/> together with every answered call's time from its answer to its
    /// release (counted once where they overlap); time at the desk is the time in any status but
    /// <see cref="OperatorStatus.SignedOut"/>, together with the busy time (a call is always time at the desk).
    /// </summary>
    public static (IReadOnlyList<OperatorOccupancy> Operators, OperatorOccupancy All) Of(
        IEnumerable<OperatorStatusChange> changes, IEnumerable<DeskCallFact> handled, DateTimeOffset from, DateTimeOffset until)
    {
        var busy = new Dictionary<string, List<(DateTimeOffset, DateTimeOffset)>>(StringComparer.Ordinal);
        var atDesk = new Dictionary<string, List<(DateTimeOffset, DateTimeOffset)>>(StringComparer.Ordinal);
        List<(DateTimeOffset, DateTimeOffset)> Of(Dictionary<string, List<(DateTimeOffset, DateTimeOffset)>> map, string name) =>
            map.TryGetValue(name, out var list) ? list : map[name] = [];

        foreach (var group in changes.GroupBy(c => c.Operator, StringComparer.Ordinal))
        {
            var ordered = group.Select((change, index) => (change, index)).OrderBy(c => c.change.At).ThenBy(c => c.index).Select(c => c.change).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var span = (ordered[i].At, i + 1 < ordered.Count ? ordered[i + 1].At : until);
                if (ordered[i].Status != OperatorStatus.SignedOut)
                {
                    Of(atDesk, group.Key).Add(span);
                }

                if (ordered[i].Status is OperatorStatus.OnCall or OperatorStatus.WrapUp)
                {
                    Of(busy, group.Key).Add(span);
                }
            }
        }

        foreach (var call in handled)
        {
            if (call is { Operator: { } name, AnsweredAt: { } answered, ReleasedAt: { } released })
            {
                Of(busy, name).Add((answered, released));
                Of(atDesk, name).Add((answered, released));
            }
        }

        var operators = atDesk.Keys.Union(busy.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new OperatorOccupancy(name, Length(Of(atDesk, name), from, until), Length(Of(busy, name), from, until)))
            .ToList();
        var all = new OperatorOccupancy(null, Sum(operators.Select(o => o.AtDesk)), Sum(operators.Select(o => o.Busy)));
        return (operators, all);
    }

    /// <summary>The length of the union of <paramref name="spans"/> within [<paramref name="from"/>, <paramref name="until"/>).</summary>
    private static TimeSpan Length(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> spans, DateTimeOffset from, DateTimeOffset until)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null, end = null;
        foreach (var (s, e) in spans
            .Select(s => (Start: s.Start < from ? from : s.Start, End: s.End > until ? until : s.End))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start))
        {
            if (end is { } current && s <= current)
            {
                end = e > current ? e : current;
                continue;
            }

            total += end - start ?? TimeSpan.Zero;
            (start, end) = (s, e);
        }

        return total + (end - start ?? TimeSpan.Zero);
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> spans) => spans.Aggregate(TimeSpan.Zero, (a, b) => a + b);
}
