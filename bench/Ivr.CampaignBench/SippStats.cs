using System.Globalization;

namespace Ivr.CampaignBench;

/// <summary>SIPp's statistics file (<c>-trace_stat</c>): semicolon-separated, a header line, then a line per dump.</summary>
public static class SippStats
{
    /// <summary>Completed and failed calls at the last dump; zeros when SIPp wrote nothing.</summary>
    public static (long Completed, long Failed) Totals(string path)
    {
        var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
        if (lines.Length < 2)
        {
            return (0, 0);
        }

        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        long Column(string name) => long.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }
}
