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

    [Fact]
    public async Task AddWithSoftphoneWritesTheEndpointAsteriskReadsAndListShowsIt()
    {
        await using var service = await new TempService().MigratedAsync();

        var (exit, output) = await service.RunWithInputAsync(Password, "operator", "add", "Olive", "--softphone");
        var (_, list) = await service.RunAsync("operator", "list");
        var (_, json) = await service.RunAsync("operator", "list", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("olive is rung on PJSIP/op-olive, the softphone in the desk page", output);
        Assert.Contains("PJSIP/op-olive (softphone)", list);
        Assert.Contains("\"PJSIP/op-olive\"", json);
        Assert.True(await service.Get<IPhoneEndpointStore>().ExistsAsync("op-olive"));
        var olive = Assert.Single(await service.Get<IOperatorStore>().ListAsync());
        Assert.Equal("PJSIP/op-olive", olive.Phone);
        Assert.True(System.IO.File.Exists(Path.Combine(service.Directory, "phones.db")));
    }

    [Theory]
    [InlineData("sam@example.org", "cannot be a softphone's SIP user name")]
    [InlineData("sam", "Give one of --phone, --softphone and --none")]
    public async Task ASoftphoneForANameNoSipUserMayHaveOrBesideAPhoneIsRefusedAndNoAccountIsMade(string name, string expected)
    {
        await using var service = await new TempService().MigratedAsync();
        string[] phone = name == "sam" ? ["--phone", "PJSIP/sipp/sip:sam@127.0.0.1:5090"] : [];

        var (exit, output) = await service.RunWithInputAsync(Password, ["operator", "add", name, "--softphone", .. phone]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output);
        Assert.Null(await service.Get<IUserStore>().FindAsync(name));
        Assert.Empty(await service.Get<IOperatorStore>().ListAsync());
    }

    [Fact]
    public async Task PhoneMovesAnOperatorBetweenTheSoftphoneASipPhoneAndNoneDeletingTheEndpointWhenLeft()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.RunWithInputAsync(Password, "operator", "add", "sam", "--phone", "PJSIP/desk-sam");
        var endpoints = service.Get<IPhoneEndpointStore>();

        var (toSoftphone, _) = await service.RunAsync("operator", "phone", "sam", "--softphone");
        var existed = await endpoints.ExistsAsync("op-sam");
        var (toPhone, moved) = await service.RunAsync("operator", "phone", "sam", "--phone", "PJSIP/desk-sam");
        var afterPhone = await endpoints.ExistsAsync("op-sam");
        var (toNone, none) = await service.RunAsync("operator", "phone", "sam", "--none");
        var (noChoice, refused) = await service.RunAsync("operator", "phone", "sam");
        var (notOperator, unknown) = await service.RunAsync("operator", "phone", "nobody", "--softphone");

        Assert.Equal(0, toSoftphone);
        Assert.True(existed);
        Assert.Equal(0, toPhone);
        Assert.Contains("sam is rung on PJSIP/desk-sam.", moved);
        Assert.False(afterPhone);
        Assert.Equal(0, toNone);
        Assert.Contains("sam has no phone", none);
        Assert.Null(Assert.Single(await service.Get<IOperatorStore>().ListAsync()).Phone);
        Assert.Equal(2, noChoice);
        Assert.Contains("Give one of", refused);
        Assert.Equal(2, notOperator);
        Assert.Contains("nobody is not an operator, a nurse or the supervisor", unknown);
        Assert.False(await endpoints.ExistsAsync("op-nobody"));
    }

    [Fact]
    public async Task TheSupervisorWorksTheDeskTooSoTheirAccountTakesAPhoneAndIsListedButAClinicianIsRefused()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.RunWithInputAsync(Password, "user", "add", "lee", "--role", "supervisor");
        await service.RunWithInputAsync(Password, "user", "add", "tom", "--role", "telecom-admin");
        await service.RunWithInputAsync(Password, "operator", "add", "sam", "--phone", "PJSIP/desk-sam");

        var (softphone, said) = await service.RunAsync("operator", "phone", "lee", "--softphone");
        var (admin, refused) = await service.RunAsync("operator", "phone", "tom", "--softphone");
        var (_, listed) = await service.RunAsync("operator", "list");

        Assert.Equal(0, softphone);
        Assert.Contains("lee is rung on PJSIP/op-lee", said);
        Assert.True(await service.Get<IPhoneEndpointStore>().ExistsAsync("op-lee"));
        Assert.Equal(2, admin);
        Assert.Contains("tom is not an operator, a nurse or the supervisor", refused);
        var desk = await service.Get<IOperatorStore>().ListAsync();
        Assert.Equal([("lee", true, "PJSIP/op-lee"), ("sam", false, "PJSIP/desk-sam")], desk.Select(a => (a.Username, a.IsSupervisor, a.Phone)));
        Assert.Contains("lee (supervisor)", listed);
    }

    [Fact]
    public async Task AddNurseMakesANurseWhoWorksTheDeskWithAPhoneAndListMarksThem()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.RunWithInputAsync(Password, "operator", "add", "sam", "--phone", "PJSIP/desk-sam");

        var (exit, added) = await service.RunWithInputAsync(Password, "operator", "add", "Garcia", "--nurse", "--softphone");
        var (phoneExit, moved) = await service.RunAsync("operator", "phone", "garcia", "--phone", "PJSIP/desk-garcia");
        var (_, listed) = await service.RunAsync("operator", "list");
        var (_, json) = await service.RunAsync("operator", "list", "--json");

        Assert.Equal(0, exit);
        Assert.Contains("garcia: nurse", added);
        Assert.Contains("garcia is rung on PJSIP/op-garcia, the softphone in the desk page", added);
        Assert.Equal(0, phoneExit);
        Assert.Contains("garcia is rung on PJSIP/desk-garcia.", moved);
        Assert.Contains("garcia (nurse)", listed);
        Assert.DoesNotContain("sam (nurse)", listed);
        Assert.Contains("\"IsNurse\": true", json);
        var garcia = (await service.Get<IUserStore>().FindAsync("garcia"))!;
        Assert.Equal(PortalRole.Nurse, garcia.Role);
        Assert.Null(garcia.PracticeId);
        Assert.Equal(
            [("garcia", true, "PJSIP/desk-garcia"), ("sam", false, "PJSIP/desk-sam")],
            (await service.Get<IOperatorStore>().ListAsync()).Select(a => (a.Username, a.IsNurse, a.Phone)));
        Assert.True((await service.Get<ISecondFactorStore>().GetPolicyAsync()).Requires(PortalRole.Nurse));
    }

    [Fact]
    public async Task ANurseWithABadPhoneIsRefusedAndNoAccountIsMade()
    {
        await using var service = await new TempService().MigratedAsync();

        var (exit, output) = await service.RunWithInputAsync(Password, "operator", "add", "garcia", "--nurse", "--phone", "PJSIP/sipp,30,U(hack)");

        Assert.Equal(2, exit);
        Assert.Contains("is not a dial string", output);
        Assert.Null(await service.Get<IUserStore>().FindAsync("garcia"));
    }

    [Fact]
    public async Task DisablingAnOperatorLocksTheirSoftphoneAndRemovingThemDeletesIt()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.RunWithInputAsync(Password, "operator", "add", "olive", "--softphone");
        var endpoints = service.Get<IPhoneEndpointStore>();
        await endpoints.SetPasswordAsync("op-olive", "known-to-a-browser");

        var (disabled, _) = await service.RunAsync("user", "disable", "olive");
        var password = await PasswordAsync(service, "op-olive");
        var (removed, _) = await service.RunAsync("user", "remove", "olive");

        Assert.Equal(0, disabled);
        Assert.NotNull(password);
        Assert.NotEqual("known-to-a-browser", password);
        Assert.Equal(0, removed);
        Assert.False(await endpoints.ExistsAsync("op-olive"));
    }

    private static async Task<string?> PasswordAsync(TempService service, string endpoint)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(service.Directory, "phones.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT password FROM ps_auths WHERE id = $id";
        command.Parameters.AddWithValue("$id", endpoint);
        return await command.ExecuteScalarAsync() as string;
    }
}
