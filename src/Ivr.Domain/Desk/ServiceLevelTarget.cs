namespace Ivr.Domain.Desk;

/// <summary>The practice's service-level target: <see cref="Percent"/> of callers answered within <see cref="Within"/> (default 80 % in 20 s).</summary>
public sealed record ServiceLevelTarget(int Percent, TimeSpan Within)
{
    public static ServiceLevelTarget Default { get; } = new(80, TimeSpan.FromSeconds(20));

    /// <summary><c>80 % within 20 s</c>.</summary>
    public override string ToString() => $"{Percent} % within {(int)Within.TotalSeconds} s";
}
