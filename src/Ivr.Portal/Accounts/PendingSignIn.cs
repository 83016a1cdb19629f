using Ivr.Domain.Accounts;

namespace Ivr.Portal.Accounts;

/// <summary>
/// A right password waiting for its second factor: not a session. It names the user, what they must
/// do next, where they were going, and (during a passkey ceremony) the challenge the server sent.
/// </summary>
public sealed class PendingSignIn(long userId, SecondFactorStep step, string? returnUrl, DateTimeOffset expiresAt)
{
    public long UserId { get; } = userId;

    public SecondFactorStep Step { get; } = step;

    public string? ReturnUrl { get; } = returnUrl;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public int Attempts { get; set; }

    /// <summary>The WebAuthn options (JSON) of the ceremony under way, checked against the answer.</summary>
    public string? PasskeyOptions { get; set; }
}
