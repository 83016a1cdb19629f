namespace Ivr.Portal.Accounts;

/// <summary>Second factors at sign-in (section <c>Portal:SecondFactor</c>).</summary>
public sealed class SecondFactorOptions
{
    /// <summary>
    /// The WebAuthn relying-party id: the host name staff type to reach the portal. Default
    /// <c>localhost</c>; a passkey made for one name does not work on another.
    /// </summary>
    public string RelyingPartyId { get; set; } = "localhost";

    /// <summary>The name authenticators show. Default "After-hours portal".</summary>
    public string RelyingPartyName { get; set; } = "After-hours portal";

    /// <summary>
    /// The origins passkeys are accepted from (<c>https://portal.example.org</c>). Default empty:
    /// <c>https://</c> the relying-party id on the port the request came in on.
    /// </summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>The issuer an authenticator app lists the account under. Default "After-hours portal".</summary>
    public string Issuer { get; set; } = "After-hours portal";

    /// <summary>How long the state between a right password and the second factor lasts. Default 5 minutes.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong second factors allowed in one pending sign-in before the password is asked again. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;
}
