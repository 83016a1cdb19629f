namespace Ivr.Domain.Practices;

/// <summary>A day the office is closed all day (local date), with its name for the call record.</summary>
public sealed record Holiday(DateOnly Date, string Name);
