using System.Text;
using Ivr.Domain.Reports;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ivr.Portal.Reports;

/// <summary><c>/api/reports</c> and the exports <c>/reports/billing.csv</c> and <c>/reports/triage.csv</c>, under the Reports page's rules.</summary>
public static class ReportApi
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports", GetAsync).RequireAuthorization();
        app.MapGet("/reports/billing.csv", BillingAsync).RequireAuthorization();
        app.MapGet("/reports/triage.csv", TriageAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, ReportAccess access, string? month = null, string? practice = null)
    {
        if (!TryMonth(month, out var shown))
        {
            return Results.Problem(title: $"month takes a month like 2026-11, not '{month}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var lookup = await access.OpenAsync(context.Who(), practice, shown, "report.view", context.RequestAborted);
        return lookup.Status switch
        {
            LookupStatus.Found => Results.Ok(ReportJson.From(lookup)),
            LookupStatus.Denied => Results.StatusCode(StatusCodes.Status403Forbidden),
            _ => Results.NotFound(),
        };
    }

    private static Task<IResult> BillingAsync(HttpContext context, ReportAccess access, string? month = null, string? practice = null) =>
        CsvAsync(context, access, month, practice, "report.billing", "billing", BillingCsv.Write);

    private static Task<IResult> TriageAsync(HttpContext context, ReportAccess access, string? month = null, string? practice = null) =>
        CsvAsync(context, access, month, practice, "report.triage", "triage", TriageCsv.Write);

    private static async Task<IResult> CsvAsync(HttpContext context, ReportAccess access, string? month, string? practice, string action, string file, Func<ReportLookup, string> write)
    {
        if (!TryMonth(month, out var shown))
        {
            return Results.BadRequest();
        }

        var lookup = await access.OpenAsync(context.Who(), practice, shown, action, context.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return lookup.Status == LookupStatus.Denied ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();
        }

        var name = $"{file}-{lookup.Report!.Month}{(lookup.Practice is { } p ? "-" + p.Id : "")}.csv";
        return Results.File(Encoding.UTF8.GetBytes(write(lookup)), "text/csv; charset=utf-8", name);
    }

    private static bool TryMonth(string? text, out ReportMonth? month)
    {
        month = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!ReportMonth.TryParse(text, out var parsed))
        {
            return false;
        }

        month = parsed;
        return true;
    }
}
