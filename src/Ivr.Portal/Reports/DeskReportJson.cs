using Ivr.Domain.Desk;

namespace Ivr.Portal.Reports;

/// <summary>
/// The desk's month in the API: each practice whose callers reached the desk, every practice together
/// (<c>overall</c>), and operator occupancy (in the report of every practice only; null otherwise).
/// Ratios are from 0 to 1; null where nothing was measured.
/// </summary>
public sealed record DeskReportJson(IReadOnlyList<DeskFiguresJson> Practices, DeskFiguresJson Overall, DeskOccupancyJson? Occupancy)
{
    public static DeskReportJson From(ReportLookup lookup)
    {
        var desk = lookup.Desk!;
        return new(
            desk.Practices.Select(p => DeskFiguresJson.From(p, lookup.Name(p.PracticeId!))).ToArray(),
            DeskFiguresJson.From(desk.Overall, null),
            lookup.Practice is null ? DeskOccupancyJson.From(desk) : null);
    }
}
