using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Portal.Desk;
using Microsoft.Data.Sqlite;

namespace Ivr.Portal.Tests.Desk;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no Asterisk, no browser): who gets softphone
/// credentials from <c>GET /api/desk/softphone</c>, and that each answer's password is the one now on
/// the operator's endpoint, written where Asterisk reads it.
/// </summary>
public sealed class SoftphoneApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnOperatorWithASoftphoneGetsAFreshPasswordEachTimeAndOnlyTheLatestIsOnTheEndpoint()
    {
        await using var portal = await PortalUnderTest.StartAsync("--Softphone:WebSocketUrl=wss://desk.example.org/ws", "--Softphone:SipDomain=desk.example.org");
        await portal.AddUserAsync("olive", Password, PortalRole.Operator);
        await portal.Get<IPhoneEndpointStore>().ProvisionAsync("op-olive");
        using var client = portal.Client();
        await SignInAsync(client, "olive");

        using var first = await client.GetAsync(SoftphoneApi.Path);
        var one = await first.Content.ReadFromJsonAsync<SoftphoneJson>();
        var two = await client.GetFromJsonAsync<SoftphoneJson>(SoftphoneApi.Path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal("wss://desk.example.org/ws", one!.WebSocketUrl);
        Assert.Equal("sip:op-olive@desk.example.org", one.SipUri);
        Assert.Equal(OperatorEndpoint.PasswordLength, one.Password.Length);
        Assert.NotEqual(one.Password, two!.Password);
        Assert.Equal(two.Password, await PasswordOnEndpointAsync(portal, "op-olive"));
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Equal(2, audit.Count(e => e.Action == "desk.softphone" && e.Actor == "portal:olive"));
        Assert.DoesNotContain(audit, e => e.Detail.Contains(one.Password, StringComparison.Ordinal) || e.Detail.Contains(two.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOperatorWithoutASoftphoneGetsNotFoundAndOtherRolesAreRefused()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ada", Password, PortalRole.Operator);
        await portal.AddUserAsync("pia", Password, PortalRole.PracticeAdmin, PortalUnderTest.PracticeA);
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        // Another operator's endpoint is no use to these users.
        await portal.AddUserAsync("olive", Password, PortalRole.Operator);
        await portal.Get<IPhoneEndpointStore>().ProvisionAsync("op-olive");
        var before = await PasswordOnEndpointAsync(portal, "op-olive");

        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var name in new[] { "ada", "pia", "tom" })
        {
            using var client = portal.Client();
            await SignInAsync(client, name);
            statuses[name] = (await client.GetAsync(SoftphoneApi.Path)).StatusCode;
        }

        using var anonymous = portal.Client(followRedirects: false);
        var nobody = (await anonymous.GetAsync(SoftphoneApi.Path)).StatusCode;

        Assert.Equal(HttpStatusCode.NotFound, statuses["ada"]);
        Assert.Equal(HttpStatusCode.Forbidden, statuses["pia"]);
        Assert.Equal(HttpStatusCode.Forbidden, statuses["tom"]);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody);
        Assert.Equal(before, await PasswordOnEndpointAsync(portal, "op-olive"));
        var audit = await portal.Get<IAuditLog>().ListAsync(30);
        Assert.Contains(audit, e => e.Action == "desk.softphone.none" && e.Actor == "portal:ada");
        Assert.Contains(audit, e => e.Action == "desk.softphone.denied" && e.Actor == "portal:pia");
        Assert.Contains(audit, e => e.Action == "desk.softphone.denied" && e.Actor == "portal:tom");
    }

    [Fact]
    public async Task PagesMayConnectToThePortalAndTheSoftphonesWebSocketOnly()
    {
        await using var portal = await PortalUnderTest.StartAsync("--Softphone:WebSocketUrl=ws://127.0.0.1:8188/ws");
        using var client = portal.Client();

        var response = await client.GetAsync("/");
        var script = await client.GetAsync("/assets/softphone.js");
        var library = await client.GetAsync("/assets/jssip.min.js");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("connect-src 'self' ws://127.0.0.1:8188;", policy + ";");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mountSoftphone", await script.Content.ReadAsStringAsync());
        Assert.StartsWith("/*!\n * JsSIP ", await library.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DisablingAnOperatorLocksTheirSoftphoneAndRemovingThemDeletesIt()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.AddUserAsync("olive", Password, PortalRole.Operator);
        var phones = portal.Get<IPhoneEndpointStore>();
        await phones.ProvisionAsync("op-olive");
        using var client = portal.Client();
        await SignInAsync(client, "olive");
        var given = (await client.GetFromJsonAsync<SoftphoneJson>(SoftphoneApi.Path))!.Password;
        var accounts = portal.Get<PortalAccounts>();
        var users = portal.Get<IUserStore>();

        await accounts.DisableAsync((await users.FindAsync("olive"))!, "cli:test");
        var locked = await PasswordOnEndpointAsync(portal, "op-olive");
        await accounts.RemoveAsync((await users.FindAsync("olive"))!, "unusable", "cli:test");

        Assert.NotNull(locked);
        Assert.NotEqual(given, locked);
        Assert.False(await phones.ExistsAsync("op-olive"));
        Assert.Null(await PasswordOnEndpointAsync(portal, "op-olive"));
    }

    private static async Task<string?> PasswordOnEndpointAsync(PortalUnderTest portal, string endpoint)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(portal.Directory, "phones.db")};Pooling=False");
        return await connection.QuerySingleOrDefaultAsync<string>("SELECT password FROM ps_auths WHERE id = @endpoint", new { endpoint });
    }

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
}
