namespace Ivr.Domain.Scheduling;

/// <summary>
/// A replacement on one layer for a time range (vacation, swap, illness), with who set it and why.
/// Precedence: an override beats the rotation; of overlapping overrides on a layer, the one set
/// last wins (as in PagerDuty and Grafana OnCall), so a correction needs no deletion first.
/// </summary>
public sealed record OnCallOverride(
    long Id,
    string PracticeId,
    int Layer,
    string ClinicianId,
    DateTimeOffset From,
    DateTimeOffset Until,
    string Reason,
    string SetBy,
    DateTimeOffset SetAt)
{
    public bool Covers(DateTimeOffset instant) => instant >= From && instant < Until;

    public OnCallAssignment ToAssignment() =>
        new(Layer, ClinicianId, From, Until, $"override #{Id} by {SetBy} ({Reason})", Id);
}
