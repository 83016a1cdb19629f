namespace Ivr.Domain.Scheduling;

/// <summary>Who is on call on a layer, from when until when, and which schedule entry says so.</summary>
/// <param name="Layer">1 primary, 2 backup, …</param>
/// <param name="ClinicianId">The clinician on call.</param>
/// <param name="From">Start of the shift or override.</param>
/// <param name="Until">End of the shift or override (exclusive).</param>
/// <param name="Source">The schedule entry, e.g. <c>rotation 'physicians' shift 3</c> or <c>override #17</c>.</param>
/// <param name="OverrideId">The override that decided it, if one did.</param>
public sealed record OnCallAssignment(int Layer, string ClinicianId, DateTimeOffset From, DateTimeOffset Until, string Source, long? OverrideId);
