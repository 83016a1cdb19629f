namespace Ivr.Domain.Live;

/// <summary>Every call in progress at one moment.</summary>
/// <param name="Version">Goes up with every change, so a watcher knows whether it has seen this one.</param>
/// <param name="At">When it was taken.</param>
/// <param name="AmiConnected">False while the AMI connection is down (or off): channels may then be out of date.</param>
/// <param name="Calls">Oldest first.</param>
public sealed record LiveSnapshot(long Version, DateTimeOffset At, bool AmiConnected, IReadOnlyList<LiveCall> Calls);
