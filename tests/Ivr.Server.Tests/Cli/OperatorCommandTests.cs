using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr operator</c> makes the desk's operators and lists them with their phones.</summary>
public sealed class OperatorCommandTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AddMakesAnOperatorAccountWithItsPhoneAndListShowsThem()
    {
        await using var service = await new TempService().MigratedAsync();

        var (addExit, added) = await service.RunWithInputAsync(Password, "operator", "add", "Sam", "--phone", "PJSIP/sipp/sip:sam@127.0.0.1:5090", "--by", "boss");
        var (noPhoneExit, _) = await service.RunWithInputAsync(Password, "operator", "add", "ada");
        var (listExit, list) = await service.RunAsync("operator", "list");
        var (usersExit, users) = await service.RunAsync("user", "list");

        Assert.Equal(0, addExit);
        Assert.Contains("sam: operator", added);
        Assert.Contains("sam is rung on PJSIP/sipp/sip:sam@127.0.0.1:5090", added);
        Assert.Equal(0, noPhoneExit);
        Assert.Equal(0, listExit);
        Assert.Contains("PJSIP/sipp/sip:sam@127.0.0.1:5090", list);
        Assert.Contains("(none yet)", list);
        Assert.Equal(0, usersExit);
        Assert.Contains("operator", users);
        var sam = (await service.Get<IUserStore>().FindAsync("sam"))!;
        Assert.Equal(PortalRole.Operator, sam.Role);
        Assert.Null(sam.PracticeId);
        Assert.Equal(2, (await service.Get<IOperatorStore>().ListAsync()).Count);
    }

    [Fact]
    public async Task APhoneThatIsNotADialStringIsRefusedAndNoAccountIsMade()
    {
        await using var service = await new TempService().MigratedAsync();

        var (exit, output) = await service.RunWithInputAsync(Password, "operator", "add", "sam", "--phone", "PJSIP/sipp,30,U(hack)");

        Assert.Equal(2, exit);
        Assert.Contains("is not a dial string", output);
        Assert.Null(await service.Get<IUserStore>().FindAsync("sam"));
    }
}
