using System.Globalization;
using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using Ivr.Domain.Reports;
using Ivr.Portal.Accounts;
using Ivr.Portal.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Reports;

/// <summary>A month of service in numbers: calls by day and hour, after-hours volume, response times, escalations, the operator desk, nurse triage and billable minutes.</summary>
public sealed class ReportsModel(ReportAccess access, IPracticeStore practices) : PageModel
{
    /// <summary>The charts' drawing height, in SVG units, of the tallest bar.</summary>
    public const int ChartHeight = 100;

    [BindProperty(Name = "month", SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(Name = "practice", SupportsGet = true)]
    public string? PracticeId { get; set; }

    public PortalIdentity Who { get; private set; } = null!;

    public ReportLookup Lookup { get; private set; } = null!;

    public MonthlyReport Report => Lookup.Report!;

    /// <summary>The practices the supervisor may pick from.</summary>
    public IReadOnlyList<Practice> Choices { get; private set; } = [];

    public string? Error { get; private set; }

    public string Title => Lookup.Practice?.Name ?? "every practice";

    public string MonthName => Report.Month.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public string CsvLink => Export("billing");

    public string TriageCsvLink => Export("triage");

    private string Export(string name) => $"/reports/{name}.csv?month={Report.Month}{(Lookup.Practice is { } p ? "&practice=" + Uri.EscapeDataString(p.Id) : "")}";

    public string Link(ReportMonth month) => $"/reports?month={month}{(Lookup.Practice is { } p && Who.Role == PortalRole.Supervisor ? "&practice=" + Uri.EscapeDataString(p.Id) : "")}";

    public static double BarHeight(int count, int max) => max == 0 ? 0 : Math.Round((double)count / max * ChartHeight, 1);

    public static string Duration(double? seconds) => seconds is { } s ? (s < 3600 ? PortalFormat.Length(s) : $"{(int)s / 3600} h {(int)s % 3600 / 60:00} min") : "–";

    /// <summary>A desk wait or time: "none" when nothing was measured.</summary>
    public static string Wait(double? seconds) => seconds is null ? "none" : Duration(seconds);

    /// <summary>
    /// A ratio as a percent to a tenth, rounded down so that a month short of perfect never reads 100 %;
    /// "none" when nothing was measured (never 0 % or 100 %).
    /// </summary>
    public static string Percent(double? ratio) =>
        ratio is { } r ? (Math.Floor(r * 1000 + 1e-9) / 10).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "none";

    public async Task<IActionResult> OnGetAsync()
    {
        Who = HttpContext.Who();
        ReportMonth? month = null;
        if (!string.IsNullOrEmpty(Month))
        {
            if (ReportMonth.TryParse(Month, out var parsed))
            {
                month = parsed;
            }
            else
            {
                Error = $"'{Month}' is not a month like 2026-11; showing the current month.";
            }
        }

        Lookup = await access.OpenAsync(Who, PracticeId, month, "report.view", HttpContext.RequestAborted);
        if (Lookup.Status != LookupStatus.Found)
        {
            return StatusCode(Lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        if (Who.Role == PortalRole.Supervisor)
        {
            Choices = await practices.ListAsync(HttpContext.RequestAborted);
        }

        return Page();
    }
}
