namespace Ivr.Portal.OnCall;

/// <summary>An override as a user asks for it: who covers which layer from when until when, and why.</summary>
public sealed record OverrideRequest(int Layer, string ClinicianId, DateTimeOffset From, DateTimeOffset Until, string Reason);
