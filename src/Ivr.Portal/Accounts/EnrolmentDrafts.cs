using System.Collections.Concurrent;

namespace Ivr.Portal.Accounts;

/// <summary>
/// What an enrolment under way needs between two requests, per user, on the server: the authenticator
/// secret shown but not yet confirmed, and the options of a passkey registration. Ten minutes at most.
/// </summary>
public sealed class EnrolmentDrafts(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<long, Draft> _drafts = new();

    /// <summary>The secret being enrolled, made once per draft so a reload shows the same QR code.</summary>
    public string TotpSecret(long userId) => Get(userId).TotpSecret;

    public void SetPasskeyOptions(long userId, string? json) => Get(userId).PasskeyOptions = json;

    public string? PasskeyOptions(long userId) => _drafts.TryGetValue(userId, out var draft) && draft.ExpiresAt > time.GetUtcNow() ? draft.PasskeyOptions : null;

    public void End(long userId) => _drafts.TryRemove(userId, out _);

    private Draft Get(long userId)
    {
        var now = time.GetUtcNow();
        return _drafts.AddOrUpdate(
            userId,
            _ => new Draft(TotpVerifier.NewSecret(), now + Lifetime),
            (_, existing) => existing.ExpiresAt > now ? existing : new Draft(TotpVerifier.NewSecret(), now + Lifetime));
    }

    private sealed class Draft(string totpSecret, DateTimeOffset expiresAt)
    {
        public string TotpSecret { get; } = totpSecret;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public string? PasskeyOptions { get; set; }
    }
}
