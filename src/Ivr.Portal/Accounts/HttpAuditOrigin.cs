using Ivr.Domain.Audit;
using Microsoft.AspNetCore.Http;

namespace Ivr.Portal.Accounts;

/// <summary>
/// The origin of an audit row written while a portal request runs: the sign-in's session claim and
/// the address the connection came from. Outside a request (a voice page) there is none.
/// </summary>
public sealed class HttpAuditOrigin(IHttpContextAccessor accessor) : IAuditOrigin
{
    public string? Session => accessor.HttpContext?.User.FindFirst(PortalClaims.Session)?.Value;

    public string? Address => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
