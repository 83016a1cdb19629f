namespace Ivr.Portal.OnCall;

/// <summary>Part of one local day on one layer: from and until as the practice's wall clock reads them, and who (null: nobody).</summary>
public sealed record CalendarCell(int Layer, string From, string Until, string? ClinicianId, long? OverrideId);
