using System.Globalization;
using System.Text;

namespace Ivr.Portal.Reports;

/// <summary>The triage export: the month's disposition mix, one row per rung of the ladder, most urgent first (counts only, no patient data).</summary>
public static class TriageCsv
{
    public const string Header = "practice_id,practice_name,month,disposition,words,count,share";

    public static string Write(ReportLookup lookup)
    {
        var report = lookup.Report!;
        var triage = lookup.Triage!;
        var id = lookup.Practice?.Id ?? "*";
        var name = lookup.Practice?.Name ?? "every practice";
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var rung in triage.Mix)
        {
            var share = rung.Share is { } s ? s.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
            csv.Append(CultureInfo.InvariantCulture, $"{CsvField.Of(id)},{CsvField.Of(name)},{report.Month},{rung.Code},{CsvField.Of(rung.Words)},{rung.Count},{share}\r\n");
        }

        return csv.ToString();
    }
}
