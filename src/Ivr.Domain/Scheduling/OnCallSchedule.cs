using Ivr.Domain.Practices;

namespace Ivr.Domain.Scheduling;

/// <summary>
/// Answers "who is on call for this practice at instant T, in what order": for each layer, the
/// newest override covering T, else the layer's rotation. Pure: the practice and its overrides in,
/// assignments out.
/// </summary>
public sealed class OnCallSchedule(Practice practice, IReadOnlyList<OnCallOverride> overrides)
{
    private readonly ZoneClock _clock = practice.Clock();

    public Practice Practice => practice;

    public IReadOnlyList<OnCallOverride> Overrides => overrides;

    /// <summary>Every layer's assignment at an instant, primary first; layers with nobody are left out.</summary>
    public IReadOnlyList<OnCallAssignment> At(DateTimeOffset instant) =>
        practice.Rotations.Select(r => r.Layer)
            .Concat(overrides.Select(o => o.Layer))
            .Distinct()
            .Order()
            .Select(layer => OnLayer(layer, instant))
            .OfType<OnCallAssignment>()
            .ToList();

    /// <summary>Who holds one layer at an instant, or null for nobody.</summary>
    public OnCallAssignment? OnLayer(int layer, DateTimeOffset instant)
    {
        var winner = overrides
            .Where(o => o.Layer == layer && o.Covers(instant))
            .OrderByDescending(o => o.SetAt)
            .ThenByDescending(o => o.Id)
            .FirstOrDefault();
        if (winner is not null)
        {
            return winner.ToAssignment();
        }

        return practice.Rotations.Where(r => r.Layer == layer).Select(r => r.At(_clock, instant)).OfType<OnCallAssignment>().FirstOrDefault();
    }

    /// <summary>
    /// The next instant after <paramref name="instant"/> at which a layer's holder may change: a
    /// handoff, or an override starting or ending.
    /// </summary>
    public DateTimeOffset NextChange(int layer, DateTimeOffset instant)
    {
        var candidates = practice.Rotations.Where(r => r.Layer == layer).Select(r => r.NextHandoff(_clock, instant))
            .Concat(overrides.Where(o => o.Layer == layer).SelectMany(o => new[] { o.From, o.Until }))
            .Where(t => t > instant);
        return candidates.DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
    }
}
