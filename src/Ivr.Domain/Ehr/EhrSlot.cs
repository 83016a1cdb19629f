namespace Ivr.Domain.Ehr;

/// <summary>A free time in the EHR (a FHIR <c>Slot</c> with status <c>free</c>).</summary>
/// <param name="SlotId">The Slot's logical id.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="Schedule">The Schedule's id it belongs to.</param>
/// <param name="Who">Whose schedule, in words a caller may hear ("Doctor Chen"); empty when the EHR names none.</param>
public sealed record EhrSlot(string SlotId, DateTimeOffset Start, DateTimeOffset End, string Schedule, string Who);
