using Ivr.Domain.Desk;

namespace Ivr.Portal.Reports;

/// <summary>One operator's occupancy (or all operators', with a null name) in the API.</summary>
public sealed record OccupancyJson(string? Operator, long AtDeskSeconds, long BusySeconds, double? Occupancy)
{
    public static OccupancyJson From(OperatorOccupancy o) => new(o.Operator, (long)o.AtDesk.TotalSeconds, (long)o.Busy.TotalSeconds, o.Share);
}
