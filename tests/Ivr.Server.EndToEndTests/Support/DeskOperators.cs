using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Operators at the service's desk, each with a SIPp phone: accounts made as <c>ivr operator add</c> makes them, then made available.</summary>
public static class DeskOperators
{
    /// <summary>The settings the desk tests start the service with: a short ring and frequent announcements, so a test waits seconds, not minutes.</summary>
    public static readonly string[] Settings = ["--Dispatch:Enabled=false", "--Desk:AnswerTimeout=00:00:05", "--Desk:AnnounceEvery=00:00:06"];

    /// <summary>
    /// Makes operator <paramref name="username"/> with the desk page's softphone as a telecom admin would
    /// (<c>ivr operator add --softphone</c> against the service's database); they sign in with the password
    /// alone, for the tests that use it are not about sign-in.
    /// </summary>
    public static async Task AddSoftphoneAsync(ServiceUnderTest service, string username, string password)
    {
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync(["operator", "add", username, "--softphone", .. service.Settings], output, output, new StringReader(password));
        Assert.True(exitCode == 0, output.ToString());
        exitCode = await IvrCommandLine.RunAsync(["user", "second-factor", "optional", "operator", .. service.Settings], output, output, new StringReader(string.Empty));
        Assert.True(exitCode == 0, output.ToString());
    }

    /// <summary>Adds operator (or nurse, by <paramref name="role"/>) <paramref name="name"/> whose phone is the SIPp on <paramref name="port"/>, and makes them available.</summary>
    public static async Task<IDeskBoard> AvailableAsync(ServiceUnderTest service, string name, int port, PortalRole role = PortalRole.Operator)
    {
        var id = await service.Get<IUserStore>().AddAsync(new PortalUser { Username = name, PasswordHash = "not used: the test never signs in", Role = role, CreatedAt = DateTimeOffset.UtcNow });
        await service.Get<IOperatorStore>().SetPhoneAsync(id, $"PJSIP/sipp/sip:{name}@127.0.0.1:{port}", DateTimeOffset.UtcNow);
        var desk = service.Get<IDeskBoard>();
        var result = await desk.SetStatusAsync(name, OperatorStatus.Available, null);
        Assert.True(result.Done, result.Refusal);
        return desk;
    }
}
