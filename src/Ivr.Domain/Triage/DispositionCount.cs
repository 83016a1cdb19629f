namespace Ivr.Domain.Triage;

/// <summary>One rung of the ladder in a month's mix: how many triages ended there and their share of all (0 to 1; null when there were none).</summary>
public sealed record DispositionCount(Disposition Disposition, int Count, double? Share)
{
    public string Code => Dispositions.Code(Disposition);

    public string Words => Dispositions.Words(Disposition);
}
