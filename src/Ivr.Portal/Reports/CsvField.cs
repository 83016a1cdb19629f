namespace Ivr.Portal.Reports;

/// <summary>One CSV field as the exports write it.</summary>
public static class CsvField
{
    /// <summary>RFC 4180 quoting, and a leading apostrophe where a spreadsheet would read a formula.</summary>
    public static string Of(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
