using System.Globalization;

namespace Ivr.Data;

/// <summary>Times are stored in SQLite as ISO-8601 text in UTC: sortable, readable in the SQLite shell, exact on the way back.</summary>
internal static class Time
{
    public static string Write(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Write(DateTimeOffset? value) => value is { } v ? Write(v) : null;

    public static DateTimeOffset Read(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ReadNullable(string? value) => value is null ? null : Read(value);
}
