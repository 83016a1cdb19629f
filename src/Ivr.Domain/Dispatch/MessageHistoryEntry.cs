using Ivr.Domain.Messages;

namespace Ivr.Domain.Dispatch;

/// <summary>
/// A message reached <paramref name="Status"/>: when, by whom (a clinician id, "dispatcher", "cli:…"), how,
/// and the note the person left (decrypted; null when none).
/// </summary>
public sealed record MessageHistoryEntry(DateTimeOffset At, MessageStatus Status, string Actor, string Detail, string? Note = null);
