namespace Ivr.Domain.Desk;

/// <summary>What became of an operator's action: done, or refused with a reason to show them.</summary>
public sealed record DeskResult(bool Done, string? Refusal)
{
    public static DeskResult Ok { get; } = new(true, null);

    public static DeskResult Refused(string why) => new(false, why);
}
