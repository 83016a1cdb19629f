namespace Ivr.Testing;

/// <summary>One POST as <see cref="WebhookReceiver"/> saw it.</summary>
public sealed record ReceivedWebhook(string Path, string? ContentType, string? Timestamp, string? Signature, string Body);
