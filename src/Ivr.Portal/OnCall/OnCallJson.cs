using Ivr.Domain.Scheduling;

namespace Ivr.Portal.OnCall;

/// <summary><c>GET /api/practices/{id}/oncall</c>: each layer's holders over the window, gaps as a null clinician, the checked warnings and the overrides.</summary>
public sealed record OnCallJson(
    string PracticeId,
    string TimeZone,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<OnCallJson.LayerJson> Layers,
    IReadOnlyList<OnCallJson.FindingJson> Findings,
    IReadOnlyList<OverrideJson> Overrides)
{
    /// <summary>One layer's consecutive segments.</summary>
    public sealed record LayerJson(int Layer, string Name, IReadOnlyList<ShiftJson> Shifts);

    /// <summary>Who holds a layer over [from, until); a null clinician is a gap.</summary>
    public sealed record ShiftJson(string? ClinicianId, DateTimeOffset From, DateTimeOffset Until, long? OverrideId);

    /// <summary>One schedule-check warning for the next four weeks.</summary>
    public sealed record FindingJson(FindingKind Kind, DateTimeOffset? From, DateTimeOffset? Until, string Message);
}
