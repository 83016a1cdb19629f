using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Operators at the service's desk, each with a SIPp phone: accounts made as <c>ivr operator add</c> makes them, then made available.</summary>
public static class DeskOperators
{
    /// <summary>The settings the desk tests start the service with: a short ring and frequent announcements, so a test waits seconds, not minutes.</summary>
    public static readonly string[] Settings = ["--Dispatch:Enabled=false", "--Desk:AnswerTimeout=00:00:05", "--Desk:AnnounceEvery=00:00:06"];

    /// <summary>Adds operator <paramref name="name"/> whose phone is the SIPp on <paramref name="port"/>, and makes them available.</summary>
    public static async Task<IDeskBoard> AvailableAsync(ServiceUnderTest service, string name, int port)
    {
        var id = await service.Get<IUserStore>().AddAsync(new PortalUser { Username = name, PasswordHash = "not used: the test never signs in", Role = PortalRole.Operator, CreatedAt = DateTimeOffset.UtcNow });
        await service.Get<IOperatorStore>().SetPhoneAsync(id, $"PJSIP/sipp/sip:{name}@127.0.0.1:{port}", DateTimeOffset.UtcNow);
        var desk = service.Get<IDeskBoard>();
        var result = await desk.SetStatusAsync(name, OperatorStatus.Available, null);
        Assert.True(result.Done, result.Refusal);
        return desk;
    }
}
