using System.Text.Json;
using Ivr.Domain.Live;

namespace Ivr.Portal.Live;

/// <summary>
/// The live view's JSON (<c>/api/live</c> and each <c>snapshot</c> event): the snapshot's own fields as
/// before, with <c>desk</c> beside them, so a reader of the calls alone reads them unchanged.
/// </summary>
public static class LiveJson
{
    public static string Write(LiveSnapshot snapshot, LiveDesk desk, JsonSerializerOptions options) => Write(snapshot, desk, null, options);

    /// <summary>The same with <c>outsideLine</c>: the carrier trunk's state, when the service has one.</summary>
    public static string Write(LiveSnapshot snapshot, LiveDesk desk, OutsideLineStatus? outsideLine, JsonSerializerOptions options) =>
        Write(snapshot, desk, outsideLine, [], options);

    /// <summary>The same with <c>phoneServers</c>: each Asterisk server's state, when the service has several.</summary>
    public static string Write(LiveSnapshot snapshot, LiveDesk desk, OutsideLineStatus? outsideLine, IReadOnlyList<PhoneServerStatus> phoneServers, JsonSerializerOptions options)
    {
        var json = JsonSerializer.SerializeToNode(snapshot, options)!.AsObject();
        json["desk"] = JsonSerializer.SerializeToNode(desk, options);
        if (outsideLine is not null)
        {
            json["outsideLine"] = JsonSerializer.SerializeToNode(outsideLine, options);
        }

        if (phoneServers.Count > 0)
        {
            json["phoneServers"] = JsonSerializer.SerializeToNode(phoneServers, options);
        }

        return json.ToJsonString(options);
    }
}
