using System.Globalization;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Accounts;

/// <summary>
/// The second step of signing in and the enrolment of factors: authenticator codes, recovery codes
/// and passkeys. Every success and failure is audited; nothing here logs a code or a secret.
/// </summary>
public sealed class SecondFactorService(
    ISecondFactorStore store,
    TotpVerifier totp,
    IAuditLog audit,
    IOptions<SecondFactorOptions> options,
    TimeProvider time)
{
    /// <summary>What a user whose password was right must do next, by the supervisor's policy and what they have enrolled.</summary>
    public async Task<SecondFactorStep> StepAfterPasswordAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var policy = await store.GetPolicyAsync(cancellationToken);
        return policy.StepAfterPassword(user, await store.HasFactorAsync(user.Id, cancellationToken));
    }

    /// <summary>Checks an authenticator code or, by its shape, a recovery code; each works once.</summary>
    public async Task<bool> VerifyCodeAsync(PortalUser user, string code, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (RecoveryCodes.LooksLikeOne(code))
        {
            var used = await store.TryUseRecoveryCodeAsync(user.Id, RecoveryCodes.Hash(code), now, cancellationToken);
            var left = used ? await store.UnusedRecoveryCodesAsync(user.Id, cancellationToken) : 0;
            await AuditAsync(user, used ? "signin.recovery-code" : "signin.second-factor.failed", used ? $"recovery code used, {left} left" : "wrong or used recovery code", cancellationToken);
            return used;
        }

        var right = await totp.VerifyAsync(user.Id, code, cancellationToken);
        await AuditAsync(user, right ? "signin.second-factor" : "signin.second-factor.failed", right ? "authenticator code" : "wrong or reused authenticator code", cancellationToken);
        return right;
    }

    /// <summary>
    /// Confirms the authenticator app with a code it shows for <paramref name="secret"/>; returns the
    /// recovery codes to show once (new ones when this is the user's first factor, else null).
    /// </summary>
    public async Task<(bool Confirmed, IReadOnlyList<string>? RecoveryCodes)> ConfirmTotpAsync(PortalUser user, string secret, string code, CancellationToken cancellationToken = default)
    {
        if (totp.MatchStep(secret, code) is not { } step)
        {
            await AuditAsync(user, "second-factor.totp.failed", "wrong code while enrolling an authenticator app", cancellationToken);
            return (false, null);
        }

        var codes = await NewRecoveryCodesIfFirstAsync(user, cancellationToken);
        await store.SetTotpAsync(user.Id, secret, step, time.GetUtcNow(), cancellationToken);
        await AuditAsync(user, "second-factor.totp.enrolled", "authenticator app enrolled", cancellationToken);
        return (true, codes);
    }

    /// <summary>Ten new recovery codes (the old ones stop working), to show once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var codes = RecoveryCodes.Generate();
        await store.ReplaceRecoveryCodesAsync(user.Id, codes.Select(RecoveryCodes.Hash).ToArray(), time.GetUtcNow(), cancellationToken);
        await AuditAsync(user, "second-factor.recovery-codes", $"{codes.Count} new recovery codes", cancellationToken);
        return codes;
    }

    /// <summary>The options (JSON) for <c>navigator.credentials.create</c>, to keep until the answer comes.</summary>
    public async Task<string> PasskeyRegistrationOptionsAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var existing = await store.ListPasskeysAsync(user.Id, cancellationToken);
        var request = Fido(null).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(user), Name = user.Username, DisplayName = user.Username },
            ExcludeCredentials = existing.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId)).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Preferred, UserVerification = UserVerificationRequirement.Required },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        return request.ToJson();
    }

    /// <summary>Checks the browser's answer to the registration options and keeps the passkey; returns recovery codes when this is the first factor.</summary>
    public async Task<(bool Registered, IReadOnlyList<string>? RecoveryCodes)> RegisterPasskeyAsync(PortalUser user, string optionsJson, string responseJson, string? name, string origin, CancellationToken cancellationToken = default)
    {
        RegisteredPublicKeyCredential credential;
        try
        {
            var response = JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(responseJson) ?? throw new JsonException("empty");
            credential = await Fido(origin).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, ct) => await store.FindPasskeyAsync(args.CredentialId, ct) is null,
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is Fido2VerificationException or JsonException)
        {
            await AuditAsync(user, "second-factor.passkey.failed", "passkey registration refused", cancellationToken);
            return (false, null);
        }

        var codes = await NewRecoveryCodesIfFirstAsync(user, cancellationToken);
        await store.AddPasskeyAsync(new PasskeyCredential
        {
            UserId = user.Id,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Name = string.IsNullOrWhiteSpace(name) ? "passkey" : name.Trim()[..Math.Min(name.Trim().Length, 64)],
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        await AuditAsync(user, "second-factor.passkey.enrolled", "passkey registered", cancellationToken);
        return (true, codes);
    }

    /// <summary>The options (JSON) for <c>navigator.credentials.get</c> over the user's passkeys.</summary>
    public async Task<string?> PasskeyAssertionOptionsAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        var passkeys = await store.ListPasskeysAsync(user.Id, cancellationToken);
        if (passkeys.Count == 0)
        {
            return null;
        }

        return Fido(null).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = passkeys.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId)).ToList(),
            UserVerification = UserVerificationRequirement.Required,
        }).ToJson();
    }

    /// <summary>Checks the browser's signature with one of the user's passkeys; the counter moves on.</summary>
    public async Task<bool> VerifyPasskeyAsync(PortalUser user, string optionsJson, string responseJson, string origin, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = JsonSerializer.Deserialize<AuthenticatorAssertionRawResponse>(responseJson) ?? throw new JsonException("empty");
            var passkey = await store.FindPasskeyAsync(response.RawId, cancellationToken);
            if (passkey is null || passkey.UserId != user.Id)
            {
                await AuditAsync(user, "signin.second-factor.failed", "unknown passkey", cancellationToken);
                return false;
            }

            var result = await Fido(origin).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(args.UserHandle is null || args.UserHandle.AsSpan().SequenceEqual(UserHandle(user))),
            }, cancellationToken);
            await store.UpdatePasskeyUseAsync(passkey.CredentialId, result.SignCount, time.GetUtcNow(), cancellationToken);
            await AuditAsync(user, "signin.second-factor", $"passkey '{passkey.Name}'", cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is Fido2VerificationException or JsonException)
        {
            await AuditAsync(user, "signin.second-factor.failed", "passkey refused", cancellationToken);
            return false;
        }
    }

    /// <summary>The origin a passkey ceremony of this request must come from.</summary>
    public string OriginOf(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        return port is 443 or 0 ? $"https://{options.Value.RelyingPartyId}" : $"https://{options.Value.RelyingPartyId}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static byte[] UserHandle(PortalUser user) => Encoding.UTF8.GetBytes("ivr-user-" + user.Id.ToString(CultureInfo.InvariantCulture));

    private async Task<IReadOnlyList<string>?> NewRecoveryCodesIfFirstAsync(PortalUser user, CancellationToken cancellationToken) =>
        await store.HasFactorAsync(user.Id, cancellationToken) && await store.UnusedRecoveryCodesAsync(user.Id, cancellationToken) > 0
            ? null
            : await ReplaceRecoveryCodesAsync(user, cancellationToken);

    private Fido2 Fido(string? origin)
    {
        var settings = options.Value;
        var origins = new HashSet<string>(settings.Origins, StringComparer.Ordinal);
        if (origins.Count == 0 && origin is not null)
        {
            origins.Add(origin);
        }

        return new Fido2(new Fido2Configuration
        {
            RPID = settings.RelyingPartyId,
            RPName = settings.RelyingPartyName,
            Origins = origins,
        });
    }

    private Task AuditAsync(PortalUser user, string action, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(time.GetUtcNow(), "portal:" + user.Username, action, "user", user.Username, detail), cancellationToken);
}
