namespace Ivr.Domain.Dispatch;

/// <summary>
/// One try to reach someone about a message: a page, an email, a webhook post. <c>Channel</c> is one
/// of <see cref="DispatchChannels"/>; <c>Recipient</c> a clinician id or the practice's webhook;
/// <c>Outcome</c> is empty while it runs, then e.g. acknowledged, heard, no-answer, accepted, failed, interrupted.
/// </summary>
public sealed record DispatchAttempt(long Id, long MessageId, int Step, string Channel, string Recipient, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome, string Detail);
