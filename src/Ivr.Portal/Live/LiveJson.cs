using System.Text.Json;
using Ivr.Domain.Live;

namespace Ivr.Portal.Live;

/// <summary>
/// The live view's JSON (<c>/api/live</c> and each <c>snapshot</c> event): the snapshot's own fields as
/// before, with <c>desk</c> beside them, so a reader of the calls alone reads them unchanged.
/// </summary>
public static class LiveJson
{
    public static string Write(LiveSnapshot snapshot, LiveDesk desk, JsonSerializerOptions options)
    {
        var json = JsonSerializer.SerializeToNode(snapshot, options)!.AsObject();
        json["desk"] = JsonSerializer.SerializeToNode(desk, options);
        return json.ToJsonString(options);
    }
}
