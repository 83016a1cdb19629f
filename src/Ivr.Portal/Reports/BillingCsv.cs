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
            csv.Append(CultureInfo.InvariantCulture, $"{CsvField.Of(bill.PracticeId)},{CsvField.Of(lookup.Name(bill.PracticeId))},{report.Month},{bill.Calls},{bill.BillableMinutes}\r\n");
        }

        return csv.ToString();
    }
}
