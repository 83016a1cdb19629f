using System.Globalization;
using System.Text;

namespace Ivr.Portal.Reports;

/// <summary>The billing export: one row per practice with calls in the month, minutes by <see cref="Ivr.Domain.Reports.BillingRule"/>.</summary>
public static class BillingCsv
{
    public const string Header = "practice_id,practice_name,month,calls,billable_minutes";

    public static string Write(ReportLookup lookup)
    {
        var report = lookup.Report!;
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var bill in report.Billing)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Field(bill.PracticeId)},{Field(lookup.Name(bill.PracticeId))},{report.Month},{bill.Calls},{bill.BillableMinutes}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting, and a leading apostrophe where a spreadsheet would read a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
