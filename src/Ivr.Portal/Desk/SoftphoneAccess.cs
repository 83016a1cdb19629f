using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;
using Microsoft.Extensions.Options;

namespace Ivr.Portal.Desk;

/// <summary>
/// The one way the portal hands out softphone credentials: only to an operator (or the supervisor, who
/// can work the desk) signed in as themselves, only for their own endpoint (<c>op-USERNAME</c>, made by
/// <c>ivr operator add --softphone</c>), and each time with a fresh random password written to the
/// endpoint before it is returned, so the one a page had before stops working and no lasting SIP
/// secret sits in a browser. Every hand-out and refusal is audited; the password never is, nor logged.
/// </summary>
public sealed class SoftphoneAccess(IPhoneEndpointStore phones, IOptions<SoftphoneOptions> options, IAuditLog audit, TimeProvider time, ILogger<SoftphoneAccess> logger)
{
    public async Task<SoftphoneLookup> OpenAsync(PortalIdentity who, CancellationToken cancellationToken = default)
    {
        if (!who.WorksTheDesk)
        {
            logger.LogWarning("Portal user {Username} ({Role}) was refused softphone credentials", who.Username, PortalRoles.Name(who.Role));
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "desk.softphone.denied", "user", who.Username, $"refused: {PortalRoles.Name(who.Role)} does not work the desk"), cancellationToken);
            return new SoftphoneLookup(LookupStatus.Denied);
        }

        var password = OperatorEndpoint.NewPassword();
        if (OperatorEndpoint.Problem(who.Username) is not null
            || !await phones.SetPasswordAsync(OperatorEndpoint.Name(who.Username), password, cancellationToken))
        {
            await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "desk.softphone.none", "user", who.Username, "no softphone endpoint (ivr operator add --softphone)"), cancellationToken);
            return new SoftphoneLookup(LookupStatus.NotFound);
        }

        var settings = options.Value;
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), who.AuditActor, "desk.softphone", "user", who.Username, $"softphone {OperatorEndpoint.Name(who.Username)} given a new password"), cancellationToken);
        logger.LogInformation("Softphone {Endpoint} given a new password for {Username}", OperatorEndpoint.Name(who.Username), who.Username);
        return new SoftphoneLookup(
            LookupStatus.Found,
            new SoftphoneJson(settings.WebSocketUrl, $"sip:{OperatorEndpoint.Name(who.Username)}@{settings.SipDomain}", password));
    }
}
