using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>
/// How the desk rings an operator's softphone from the Asterisk server that carries the caller. A softphone registers
/// with one server of a cluster; the caller may be on another. Each server is asked whether the softphone has a contact
/// there (<c>PJSIP_DIAL_CONTACTS</c>, over AMI), the caller's server first: where it does not, and another server
/// has it, the desk rings it through the peer trunk between the servers (<c>PJSIP/op-NAME@peer-SERVER</c>,
/// dialplan/peers/), which that server passes to the softphone. Anything else rings as it is.
/// </summary>
public sealed class SoftphoneRoute(AsteriskServers servers, ILogger logger)
{
    /// <summary>What the peer trunk's endpoint to a server is named: this and the server's systemname.</summary>
    public const string PeerPrefix = "peer-";

    private const string Technology = "PJSIP/";

    /// <summary>
    /// The dial string that rings <paramref name="phone"/> from <paramref name="from"/>: the phone itself unless it is an
    /// operator's softphone (<see cref="OperatorEndpoint"/>) with no contact on <paramref name="from"/> and one on
    /// another server, which then carries the ring.
    /// </summary>
    public async Task<string> DialStringAsync(string phone, AmiConnectionService from, CancellationToken cancellationToken = default)
    {
        if (servers.All.Count == 1 || Softphone(phone) is not { } endpoint || await RegisteredAsync(from, endpoint, cancellationToken))
        {
            return phone;
        }

        foreach (var server in servers.All)
        {
            if (!ReferenceEquals(server, from) && server.Name.Length > 0 && await RegisteredAsync(server, endpoint, cancellationToken))
            {
                logger.LogInformation("Softphone {Endpoint} is registered with {Server}: rung from {From} over the peer trunk", endpoint, server.Label, from.Label);
                return $"{phone}@{PeerPrefix}{server.Name}";
            }
        }

        return phone;
    }

    /// <summary>The endpoint of an operator's softphone dial string (<c>PJSIP/op-NAME</c>), or null for any other phone.</summary>
    private static string? Softphone(string phone)
    {
        if (!phone.StartsWith(Technology + OperatorEndpoint.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var endpoint = phone[Technology.Length..];
        return OperatorEndpoint.Problem(endpoint[OperatorEndpoint.Prefix.Length..]) is null ? endpoint : null;
    }

    /// <summary>Whether <paramref name="endpoint"/> has a registered contact on <paramref name="server"/>; false when the server cannot say.</summary>
    private async Task<bool> RegisteredAsync(AmiConnectionService server, string endpoint, CancellationToken cancellationToken)
    {
        if (server.Connected is not { } client)
        {
            return false;
        }

        try
        {
            var response = await client.SendActionAsync(new AmiAction("Getvar").Add("Variable", $"PJSIP_DIAL_CONTACTS({endpoint})"), cancellationToken);
            return response.IsSuccess && !string.IsNullOrEmpty(response["Value"]);
        }
        catch (Exception exception) when (exception is AmiException or TimeoutException)
        {
            logger.LogWarning("Could not ask {Server} where softphone {Endpoint} is registered: {Reason}", server.Label, endpoint, exception.Message);
            return false;
        }
    }
}
