namespace Ivr.Portal.OnCall;

/// <summary>The outcome of adding or cancelling an override: the override's id when done, why not when invalid.</summary>
public sealed record OverrideChange(OverrideStatus Status, long? Id = null, string? Error = null);
