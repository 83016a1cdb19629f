namespace Ivr.Domain.Prompts;

/// <summary>A portal user's PIN for the telephone prompt-recording line, kept only as a salted hash (<see cref="PromptPinHash"/>).</summary>
/// <param name="UserId">The portal account the PIN belongs to.</param>
/// <param name="Hash">The PIN's hash, as <see cref="PromptPinHash.Of"/> makes it.</param>
/// <param name="SetAt">When it was set.</param>
public sealed record PromptPin(long UserId, string Hash, DateTimeOffset SetAt);
