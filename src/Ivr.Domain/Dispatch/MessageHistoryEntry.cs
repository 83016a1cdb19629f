using Ivr.Domain.Messages;

namespace Ivr.Domain.Dispatch;

/// <summary>A message reached <paramref name="Status"/>: when, by whom (a clinician id, "dispatcher", "cli:…"), and how.</summary>
public sealed record MessageHistoryEntry(DateTimeOffset At, MessageStatus Status, string Actor, string Detail);
