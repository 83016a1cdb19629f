namespace Ivr.Domain.Scheduling;

/// <summary>A stretch of time in which one layer has the same holder, or nobody (<see cref="ClinicianId"/> null).</summary>
/// <param name="Layer">1 primary, 2 backup, …</param>
/// <param name="From">Start, inclusive.</param>
/// <param name="Until">End, exclusive.</param>
/// <param name="ClinicianId">Who is on call; null for a gap.</param>
/// <param name="OverrideId">The override that decided it, if one did.</param>
public sealed record OnCallSegment(int Layer, DateTimeOffset From, DateTimeOffset Until, string? ClinicianId, long? OverrideId);
