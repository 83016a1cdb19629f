namespace Ivr.Domain.Dispatch;

/// <summary>The dispatch a message gets the moment it is saved: in <paramref name="State"/>, its first step due at <paramref name="DueAt"/>.</summary>
public sealed record DispatchJob(DispatchState State, DateTimeOffset DueAt);
