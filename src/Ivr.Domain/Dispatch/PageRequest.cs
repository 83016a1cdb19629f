using Ivr.Domain.Practices;

namespace Ivr.Domain.Dispatch;

/// <summary>One voice page: call <paramref name="Contact"/> about a message; the attempt row is already open.</summary>
public sealed record PageRequest(long MessageId, long AttemptId, int Step, OnCallContact Contact, string PracticeId);
