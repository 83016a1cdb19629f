using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS): server-side sessions. A cookie copied out of
/// a browser stops working the moment its session ends on the server, however that happens.
/// </summary>
public sealed class SessionHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ACopiedCookieStopsWorkingAfterSignOut()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        var (token, cookie) = await SignInAsync(client, "lee");
        using var copy = Copy(portal, cookie);

        var before = await copy.GetAsync("/api/messages");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var signOut = await client.DeleteAsync("/api/session");
        var after = await copy.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var user = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        Assert.Empty(await portal.Get<PortalAccounts>().ActiveSessionsAsync(user.Id));
    }

    [Fact]
    public async Task ACopiedCookieStopsWorkingAfterSignOutFromThePage()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        var (_, cookie) = await SignInAsync(client, "lee");
        using var copy = Copy(portal, cookie);

        var page = await client.GetStringAsync("/messages");
        var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HiddenToken(page) }));
        var after = await copy.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task APasswordChangeEndsEveryOtherSessionButTheOneThatMadeIt()
    {
        await using var portal = await ArrangeAsync();
        using var here = portal.Client(followRedirects: false);
        using var there = portal.Client(followRedirects: false);
        var (token, _) = await SignInAsync(here, "lee");
        var (_, thereCookie) = await SignInAsync(there, "lee");
        using var copy = Copy(portal, thereCookie);
        var before = await copy.GetAsync("/api/messages");

        here.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var wrongCurrent = await here.PostAsJsonAsync("/api/session/password", new { currentPassword = "not it", newPassword = "a brand new password" });
        var stillThere = await copy.GetAsync("/api/messages");
        var changed = await here.PostAsJsonAsync("/api/session/password", new { currentPassword = Password, newPassword = "a brand new password" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task ACopiedCookieStopsWorkingWhenTheSupervisorDisablesTheAccountAndItCannotSignInAgain()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var lee = portal.Client(followRedirects: false);
        using var sam = portal.Client(followRedirects: false);
        var (_, cookie) = await SignInAsync(lee, "lee");
        using var copy = Copy(portal, cookie);
        var (samToken, _) = await SignInAsync(sam, "sam");
        sam.DefaultRequestHeaders.Add("X-CSRF-TOKEN", samToken);

        var sessions = await sam.GetFromJsonAsync<JsonElement>("/api/users/lee/sessions");
        var disable = await sam.PostAsync("/api/users/lee/disable", null);
        var after = await copy.GetAsync("/api/messages");
        var again = await lee.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        var self = await sam.PostAsync("/api/users/sam/disable", null);

        Assert.Equal(1, sessions.GetArrayLength());
        Assert.Equal("127.0.0.1", sessions[0].GetProperty("clientAddress").GetString());
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(SessionApi.RefusedBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "user.disable" && e.Actor == "portal:sam" && e.SubjectId == "lee");
    }

    [Fact]
    public async Task OnlyTheSupervisorAdministersAccountsAndRevokesSessions()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var lee = portal.Client(followRedirects: false);
        using var sam = portal.Client(followRedirects: false);
        var (leeToken, leeCookie) = await SignInAsync(lee, "lee");
        using var copy = Copy(portal, leeCookie);
        var (samToken, _) = await SignInAsync(sam, "sam");
        lee.DefaultRequestHeaders.Add("X-CSRF-TOKEN", leeToken);
        sam.DefaultRequestHeaders.Add("X-CSRF-TOKEN", samToken);

        var leeLists = await lee.GetAsync("/api/users");
        var leeDisables = await lee.PostAsync("/api/users/sam/disable", null);
        var list = await sam.GetFromJsonAsync<JsonElement>("/api/users");
        var revoke = await sam.DeleteAsync("/api/users/lee/sessions");

        Assert.Equal(HttpStatusCode.Forbidden, leeLists.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leeDisables.StatusCode);
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("username").GetString() == "lee" && u.GetProperty("state").GetString() == "active");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/messages")).StatusCode);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "user.denied" && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task ACopiedCookieStopsWorkingAfterARoleChange()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        var (_, cookie) = await SignInAsync(client, "lee");
        using var copy = Copy(portal, cookie);
        var before = await copy.GetAsync("/api/messages");
        var user = (await portal.Get<IUserStore>().FindAsync("lee"))!;

        await portal.Get<PortalAccounts>().ChangeRoleAsync(user, PortalRole.PracticeAdmin, PracticeA, null, "cli:test");
        var after = await copy.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ARoleChangedBehindTheStoresBackEndsTheSessionToo()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        await SignInAsync(client, "lee");
        var user = (await portal.Get<IUserStore>().FindAsync("lee"))!;

        await portal.Get<IUserStore>().SetRoleAsync(user.Id, PortalRole.PracticeAdmin, PracticeA, null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task AnActiveSessionEndsTwelveHoursAfterSignInHoweverBusy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        using var client = portal.Client(followRedirects: false);
        await SignInAsync(client, "lee");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 71; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            statuses.Add((await client.GetAsync("/api/messages")).StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(10));
        var after = await client.GetAsync("/api/messages");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task TheSessionsListShowsMySessionsAndSignOutEverywhereEndsThemAll()
    {
        await using var portal = await ArrangeAsync();
        using var here = portal.Client(followRedirects: false);
        using var there = portal.Client(followRedirects: false);
        var (token, _) = await SignInAsync(here, "lee");
        await SignInAsync(there, "lee");

        var list = await here.GetFromJsonAsync<JsonElement>("/api/session/all");
        here.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var everywhere = await here.DeleteAsync("/api/session/all");

        Assert.Equal(2, list.GetArrayLength());
        Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await here.GetAsync("/api/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task TheSupervisorsUsersPageDisablesAnAccountAndTheAccountPageListsMySessions()
    {
        await using var portal = await ArrangeAsync();
        var (lee, sam, copy) = await LeeAndTheSupervisorAsync(portal);
        using var disposeLee = lee;
        using var disposeSam = sam;
        using var disposeCopy = copy;

        var account = await lee.GetStringAsync("/account");
        var leeUsers = await lee.GetAsync("/users");
        var users = await sam.GetStringAsync("/users");
        var disable = await sam.PostAsync("/users?handler=Change&username=lee&verb=disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = HiddenToken(users) }));

        Assert.Contains("Sign out everywhere", account);
        Assert.Contains("127.0.0.1", account);
        Assert.Contains("this browser", account);
        Assert.Equal(HttpStatusCode.Forbidden, leeUsers.StatusCode);
        Assert.Contains("data-user=\"lee\"", users);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/messages")).StatusCode);
        Assert.True((await portal.Get<IUserStore>().FindAsync("lee"))!.IsDisabled);
    }

    [Fact]
    public async Task TheSupervisorsUsersPageChangesARoleWhichEndsTheAccountsSessions()
    {
        await using var portal = await ArrangeAsync();
        var (lee, sam, copy) = await LeeAndTheSupervisorAsync(portal);
        using var disposeLee = lee;
        using var disposeSam = sam;
        using var disposeCopy = copy;

        var users = await sam.GetStringAsync("/users");
        var change = await sam.PostAsync("/users?handler=Role&username=lee", Form(users, ("role", "practice-admin"), ("practiceId", PracticeA), ("clinicianId", "")));

        Assert.Contains("Change role", users);
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/messages")).StatusCode);
        var changed = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        Assert.Equal(PortalRole.PracticeAdmin, changed.Role);
        Assert.Equal(PracticeA, changed.PracticeId);
        Assert.Null(changed.ClinicianId);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "user.role" && e.Actor == "portal:sam" && e.SubjectId == "lee" && e.Detail.Contains("clinician -> practice-admin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("practice-admin", "", "", "belongs to a practice")]
    [InlineData("supervisor", PracticeA, "", "belongs to no practice")]
    [InlineData("clinician", PracticeA, "", "needs their clinician id")]
    [InlineData("clinician", PracticeA, "dr-nobody", "is not a clinician of")]
    [InlineData("practice-admin", "no-such-practice", "", "No practice")]
    [InlineData("boss", "", "", "The role is one of")]
    public async Task ARoleInTheWrongPlaceIsRefusedAndNothingChanges(string role, string practiceId, string clinicianId, string complaint)
    {
        await using var portal = await ArrangeAsync();
        var (lee, sam, copy) = await LeeAndTheSupervisorAsync(portal);
        using var disposeLee = lee;
        using var disposeSam = sam;
        using var disposeCopy = copy;

        var users = await sam.GetStringAsync("/users");
        var change = await sam.PostAsync("/users?handler=Role&username=lee", Form(users, ("role", role), ("practiceId", practiceId), ("clinicianId", clinicianId)));

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(complaint), await change.Content.ReadAsStringAsync());
        var unchanged = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        Assert.Equal(PortalRole.Clinician, unchanged.Role);
        Assert.Equal("dr-lee", unchanged.ClinicianId);
        Assert.Equal(HttpStatusCode.OK, (await lee.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task TheRoleApiIsTheSupervisorsAndNotForTheirOwnAccount()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var lee = portal.Client(followRedirects: false);
        using var sam = portal.Client(followRedirects: false);
        var (leeToken, _) = await SignInAsync(lee, "lee");
        var (samToken, _) = await SignInAsync(sam, "sam");
        lee.DefaultRequestHeaders.Add("X-CSRF-TOKEN", leeToken);
        sam.DefaultRequestHeaders.Add("X-CSRF-TOKEN", samToken);

        var leePromotes = await lee.PostAsJsonAsync("/api/users/lee/role", new { role = "supervisor" });
        var samDemotes = await sam.PostAsJsonAsync("/api/users/sam/role", new { role = "telecom-admin" });
        var samChanges = await sam.PostAsJsonAsync("/api/users/lee/role", new { role = "clinician", practiceId = PracticeA, clinicianId = "dr-lee" });

        Assert.Equal(HttpStatusCode.Forbidden, leePromotes.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, samDemotes.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, samChanges.StatusCode);
        Assert.Equal(PortalRole.Supervisor, (await portal.Get<IUserStore>().FindAsync("sam"))!.Role);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lee.GetAsync("/api/messages")).StatusCode);
    }

    [Fact]
    public async Task TheCookieCarriesTheSessionNotTheUser()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        var (_, cookie) = await SignInAsync(client, "lee");
        var user = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        var session = (await portal.Get<PortalAccounts>().ActiveSessionsAsync(user.Id)).Single();
        var protector = portal.Get<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", PortalClaims.Scheme, "v2");
        var ticket = new Microsoft.AspNetCore.Authentication.TicketDataFormat(protector).Unprotect(cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        Assert.NotNull(ticket);
        var claim = Assert.Single(ticket.Principal.Claims);
        Assert.Equal(PortalClaims.Session, claim.Type);
        Assert.Equal(session.TokenHash, SessionToken.Hash(claim.Value));
        Assert.NotEqual(session.TokenHash, claim.Value);
    }

    private static Task<PortalUnderTest> ArrangeAsync(params string[] settings) => ArrangeAsync(null, settings);

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider? time, params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(time, settings);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    /// <summary>Signs in through the API; returns the antiforgery token and the session cookie as a Cookie header value.</summary>
    private static async Task<(string Token, string Cookie)> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-ivr-portal=", StringComparison.Ordinal));
        return (session.GetProperty("antiforgeryToken").GetString()!, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>Lee (a clinician) and sam (the supervisor) signed in, and a thief's copy of lee's cookie.</summary>
    private static async Task<(HttpClient Lee, HttpClient Sam, HttpClient Copy)> LeeAndTheSupervisorAsync(PortalUnderTest portal)
    {
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        var lee = portal.Client(followRedirects: false);
        var sam = portal.Client(followRedirects: false);
        var (_, cookie) = await SignInAsync(lee, "lee");
        await SignInAsync(sam, "sam");
        return (lee, sam, Copy(portal, cookie));
    }

    /// <summary>A different client that sends the copied cookie and keeps no cookies of its own (a thief's).</summary>
    private static HttpClient Copy(PortalUnderTest portal, string cookie)
    {
        var handler = new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        var client = new HttpClient(handler) { BaseAddress = portal.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A page form's fields with the antiforgery token of <paramref name="page"/>.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", HiddenToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
