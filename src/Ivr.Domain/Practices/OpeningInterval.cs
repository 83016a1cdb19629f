namespace Ivr.Domain.Practices;

/// <summary>One stretch of a business day, in the practice's local time; <see cref="Close"/> of <see cref="TimeOnly.MaxValue"/> means midnight.</summary>
public sealed record OpeningInterval(TimeOnly Open, TimeOnly Close)
{
    public static readonly TimeOnly Midnight = TimeOnly.MaxValue;

    public bool Contains(TimeOnly time) => time >= Open && (Close == Midnight || time < Close);

    /// <summary>A time of day as practice files and forms write it: <c>08:00</c>, and <see cref="Midnight"/> as <c>24:00</c>.</summary>
    public static string Wall(TimeOnly time) => time == Midnight ? "24:00" : time.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => $"{Wall(Open)}-{Wall(Close)}";
}
