namespace Ivr.Portal.Settings;

/// <summary>
/// A change of a practice's settings as a user typed it, every value still text, so that a refused
/// form comes back exactly as it was sent. <see cref="Revision"/> is the version the form was loaded from.
/// </summary>
public sealed record SettingsRequest(
    int Revision,
    string Coverage,
    IReadOnlyDictionary<DayOfWeek, IReadOnlyList<SettingsRequest.Interval>> Hours,
    string? HolidayPreset,
    IReadOnlyList<SettingsRequest.HolidayDate> Holidays,
    IReadOnlyList<SettingsRequest.ClosureTimes> Closures,
    string GreetingText,
    string RepeatSeconds,
    string Attempts)
{
    /// <summary>The desk settings typed; null (an older client) keeps the stored ones.</summary>
    public DeskRequest? Desk { get; init; }

    /// <summary>The main menu's choices as typed, each with its key (empty: not offered) and place; null keeps the stored menu.</summary>
    public IReadOnlyList<MenuRow>? Menu { get; init; }

    /// <summary>The office words typed (address, directions, fax, website); null keeps the stored ones.</summary>
    public OfficeText? Office { get; init; }

    /// <summary>A choice of the main menu (<c>office-information</c>), its key (<c>4</c>, empty when not offered) and its place in the order (<c>4</c>).</summary>
    public sealed record MenuRow(string Choice, string Key, string Order);

    /// <summary>The office words as typed.</summary>
    public sealed record OfficeText(string Address, string Directions, string Fax, string Website);

    /// <summary>One stretch of a business day, <c>08:00</c> to <c>17:00</c> (<c>24:00</c> for midnight).</summary>
    public sealed record Interval(string Open, string Close);

    /// <summary>A holiday of the practice's own, <c>2026-12-24</c>.</summary>
    public sealed record HolidayDate(string Date, string Name);

    /// <summary>A one-off closure in local time, <c>2026-12-31T12:00</c>.</summary>
    public sealed record ClosureTimes(string From, string Until, string Reason);
}
