using Ivr.Domain.Desk;

namespace Ivr.Portal.Reports;

/// <summary>Operator occupancy in the API: each operator and all together, seconds at the desk and busy (on calls and in wrap-up), and busy over at the desk (null for no time at the desk).</summary>
public sealed record DeskOccupancyJson(IReadOnlyList<OccupancyJson> Operators, OccupancyJson All)
{
    public static DeskOccupancyJson From(DeskReport desk) => new(desk.Operators.Select(OccupancyJson.From).ToArray(), OccupancyJson.From(desk.AllOperators));
}
