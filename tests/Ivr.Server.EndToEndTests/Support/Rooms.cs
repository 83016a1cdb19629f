using Ivr.Asterisk.Ami;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>A caller's conference room as Asterisk has it now.</summary>
public static class Rooms
{
    /// <summary>Who is in <paramref name="room"/> (AMI ConfbridgeList), one event each.</summary>
    public static async Task<IReadOnlyList<AmiMessage>> MembersAsync(AmiClient ami, string room)
    {
        var members = await ami.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", room));
        return members.Events.Where(e => e.IsEvent("ConfbridgeList")).ToList();
    }
}
