using System.Globalization;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Telephony.Tests.Support;

/// <summary>
/// A <see cref="FakeAmiServer"/> standing for one Asterisk server of a cluster: every Originate is queued and then
/// refused as busy (reason 5), lists come back empty, anything else succeeds.
/// </summary>
public static class FakeAsterisk
{
    public static FakeAmiServer Start()
    {
        var server = FakeAmiServer.Start();
        server.OnAction = (action, _) =>
        {
            var id = action.ActionId;
            return action.Name.ToLowerInvariant() switch
            {
                "originate" => $"Response: Success\r\nActionID: {id}\r\nMessage: Originate successfully queued\r\n\r\n"
                    + $"Event: OriginateResponse\r\nActionID: {id}\r\nResponse: Failure\r\nChannel: {action["Channel"]}\r\nReason: 5\r\nUniqueid: <null>\r\n\r\n",
                "coreshowchannels" or "pjsipshowregistrationsoutbound" =>
                    $"Response: Success\r\nActionID: {id}\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n"
                    + $"Event: CoreShowChannelsComplete\r\nActionID: {id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n",
                _ => $"Response: Success\r\nActionID: {id}\r\n\r\n",
            };
        };
        return server;
    }

    /// <summary>The service's settings for these servers, in this order (the first is the process's own), by systemname.</summary>
    public static string[] Settings(params (string Name, FakeAmiServer Server)[] servers) =>
    [
        $"--Asterisk:Ami:Secret={FakeAmiServer.Secret}",
        "--Asterisk:Ami:ReconnectInitialDelay=00:00:00.020",
        "--Asterisk:Ami:ReconnectMaxDelay=00:00:00.200",
        .. servers.SelectMany((s, i) => new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"--Asterisk:Servers:{i}:Name={s.Name}"),
            string.Create(CultureInfo.InvariantCulture, $"--Asterisk:Servers:{i}:Port={s.Server.Port}"),
        }),
    ];
}
