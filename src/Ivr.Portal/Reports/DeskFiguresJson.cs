using Ivr.Domain.Desk;

namespace Ivr.Portal.Reports;

/// <summary>One practice's desk figures (or every practice's, with a null practice and target) in the API.</summary>
public sealed record DeskFiguresJson(
    string? PracticeId,
    string? PracticeName,
    int? TargetPercent,
    int? TargetSeconds,
    int Offered,
    int Answered,
    int Abandoned,
    int LeftForMessage,
    int LeftForDoctor,
    int SafetyNet,
    double? Sl,
    double? Sl2,
    bool? MetTarget,
    double? AverageWaitSeconds,
    double? P90WaitSeconds)
{
    public static DeskFiguresJson From(DeskFigures f, string? practiceName) => new(
        f.PracticeId,
        practiceName,
        f.Target?.Percent,
        f.Target is { } target ? (int)target.Within.TotalSeconds : null,
        f.Offered,
        f.Answered,
        f.Abandoned,
        f.LeftForMessage,
        f.LeftForDoctor,
        f.SafetyNet,
        f.Sl,
        f.Sl2,
        f.MetTarget,
        f.AverageWaitSeconds,
        f.P90WaitSeconds);
}
