using Ivr.Domain.Scheduling;

namespace Ivr.Portal.OnCall;

/// <summary>An override in the JSON API, and the body that adds one (<see cref="Id"/>, <see cref="SetBy"/> and <see cref="SetAt"/> ignored there).</summary>
public sealed record OverrideJson(long Id, string Layer, string ClinicianId, DateTimeOffset From, DateTimeOffset Until, string Reason, string? SetBy = null, DateTimeOffset? SetAt = null)
{
    public static OverrideJson Of(OnCallOverride o) => new(o.Id, Layers.Name(o.Layer), o.ClinicianId, o.From, o.Until, o.Reason, o.SetBy, o.SetAt);
}
