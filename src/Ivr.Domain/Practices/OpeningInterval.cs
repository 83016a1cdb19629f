namespace Ivr.Domain.Practices;

/// <summary>One stretch of a business day, in the practice's local time; <see cref="Close"/> of <see cref="TimeOnly.MaxValue"/> means midnight.</summary>
public sealed record OpeningInterval(TimeOnly Open, TimeOnly Close)
{
    public static readonly TimeOnly Midnight = TimeOnly.MaxValue;

    public bool Contains(TimeOnly time) => time >= Open && (Close == Midnight || time < Close);

    public override string ToString() => $"{Open:HH\\:mm}-{(Close == Midnight ? "24:00" : Close.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture))}";
}
