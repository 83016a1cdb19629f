using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Messages;
using Ivr.Portal.Accounts;
using OtpNet;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no browser): a right password for an account
/// with a second factor opens no session; nothing with patient data answers until the factor is proven.
/// </summary>
public sealed class SecondFactorHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ARightPasswordLeadsToTheSecondFactorAndNoPatientDataAnswersUntilTheCodeIsRight()
    {
        await using var portal = await ArrangeAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        var secret = TotpVerifier.NewSecret();
        var lee = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        await portal.Get<ISecondFactorStore>().SetTotpAsync(lee.Id, secret, 0, DateTimeOffset.UtcNow);
        using var client = portal.Client(followRedirects: false);

        var password = await PostPasswordAsync(client, "lee");
        var api = await client.GetAsync($"/api/messages/{id}");
        var inbox = await client.GetAsync("/api/messages");
        var page = await client.GetAsync($"/messages/{id}");
        var audio = await client.GetAsync($"/messages/{id}/recording");
        var session = await client.GetAsync("/api/session");
        var form = await client.GetAsync("/signin/second-factor");
        var wrong = await PostFormAsync(client, "/signin/second-factor", new() { ["code"] = "000000" == Code(secret) ? "111111" : "000000" });
        var right = await PostFormAsync(client, "/signin/second-factor", new() { ["code"] = Code(secret) });
        var after = await client.GetAsync($"/api/messages/{id}");

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/signin/second-factor", password.Headers.Location!.OriginalString);
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ivr-portal=", StringComparison.Ordinal));
        Assert.Contains(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PendingSignIns.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, inbox.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, audio.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/messages", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Contains(audit, e => e.Action == "signin.second-factor.failed" && e.SubjectId == "lee");
        Assert.Contains(audit, e => e.Action == "signin.second-factor" && e.SubjectId == "lee");
    }

    [Fact]
    public async Task AUserOfARequiredRoleWithNoFactorIsSentToEnrolmentAndCanDoNothingElse()
    {
        await using var portal = await ArrangeAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        using var client = portal.Client(followRedirects: false);

        var password = await PostPasswordAsync(client, "lee");
        var api = await client.GetAsync($"/api/messages/{id}");
        var oncall = await client.GetAsync("/oncall");
        var verify = await client.GetAsync("/signin/second-factor");
        var enrol = await client.GetAsync("/account/second-factor");
        var html = await enrol.Content.ReadAsStringAsync();

        Assert.Equal("/account/second-factor", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, oncall.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("id=\"totp-secret\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"enrol-required\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAPasswordTheSecondFactorPagesSendBackToSignIn()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);

        var verify = await client.GetAsync("/signin/second-factor");
        var enrol = await client.GetAsync("/account/second-factor");

        Assert.Equal("/signin", verify.Headers.Location!.OriginalString);
        Assert.Equal("/signin", enrol.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheJsonSignInOpensNoSessionForAnAccountThatMustEnrolFirst()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);

        var response = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var inbox = await client.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("enrol", body.GetProperty("secondFactor").GetString());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-ivr-portal=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, inbox.StatusCode);
    }

    [Fact]
    public async Task TheJsonSignInTakesTheCodeInASecondStepAndFiveWrongCodesEndIt()
    {
        await using var portal = await ArrangeAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        var secret = TotpVerifier.NewSecret();
        var lee = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        await portal.Get<ISecondFactorStore>().SetTotpAsync(lee.Id, secret, 0, DateTimeOffset.UtcNow);
        var wrongCode = Code(secret) == "000000" ? "111111" : "000000";
        using var client = portal.Client(followRedirects: false);
        using var guesser = portal.Client(followRedirects: false);

        var password = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        var passwordBody = await password.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var before = await client.GetAsync($"/api/messages/{id}");
        var noPending = await guesser.PostAsJsonAsync("/api/session/second-factor", new { code = Code(secret) });
        var wrong = await client.PostAsJsonAsync("/api/session/second-factor", new { code = wrongCode });
        var right = await client.PostAsJsonAsync("/api/session/second-factor", new { code = Code(secret) });
        var session = await right.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var after = await client.GetAsync($"/api/messages/{id}");

        await guesser.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        var guesses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            guesses.Add(await guesser.PostAsJsonAsync("/api/session/second-factor", new { code = wrongCode }));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, password.StatusCode);
        Assert.Equal("code", passwordBody.GetProperty("secondFactor").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noPending.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("lee", session.GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));
        Assert.Contains("Too many wrong codes", await guesses[4].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No sign-in is waiting", await guesses[5].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(30), e => e.Action == "signin.second-factor" && e.SubjectId == "lee");
    }

    [Fact]
    public async Task FiveWrongCodesEndThePendingSignIn()
    {
        await using var portal = await ArrangeAsync();
        var lee = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        var secret = TotpVerifier.NewSecret();
        await portal.Get<ISecondFactorStore>().SetTotpAsync(lee.Id, secret, 0, DateTimeOffset.UtcNow);
        using var client = portal.Client(followRedirects: false);
        await PostPasswordAsync(client, "lee");
        var wrong = Code(secret) == "000000" ? "111111" : "000000";

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await PostFormAsync(client, "/signin/second-factor", new() { ["code"] = wrong }));
        }

        var right = await client.GetAsync("/signin/second-factor");

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal("/signin", answers[4].Headers.Location!.OriginalString);
        Assert.Equal("/signin", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OnlyTheSupervisorChangesWhichRolesNeedASecondFactor()
    {
        await using var portal = await StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var supervisor = portal.Client(followRedirects: false);
        using var admin = portal.Client(followRedirects: false);
        await PostPasswordAsync(supervisor, "sam");
        await PostPasswordAsync(admin, "ann");

        var refused = await admin.GetAsync("/account/second-factor/roles");
        var saved = await PostFormAsync(supervisor, "/account/second-factor/roles", new() { ["required"] = "telecom-admin" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var policy = await portal.Get<ISecondFactorStore>().GetPolicyAsync();
        Assert.True(policy.Requires(PortalRole.TelecomAdmin));
        Assert.False(policy.Requires(PortalRole.Supervisor));
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(10), e => e.Action == "second-factor.policy" && e.SubjectId == "telecom-admin" && e.Actor == "portal:sam");
    }

    [Fact]
    public async Task ASignedInUserGetsNewRecoveryCodesAndTheOldOnesStopWorking()
    {
        await using var portal = await StartAsync();
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        using var client = portal.Client(followRedirects: false);
        await PostPasswordAsync(client, "tom");

        var first = await PostFormAsync(client, "/account/second-factor?handler=RecoveryCodes", new());
        var firstCodes = Codes(await first.Content.ReadAsStringAsync());
        var second = await PostFormAsync(client, "/account/second-factor?handler=RecoveryCodes", new());
        var secondCodes = Codes(await second.Content.ReadAsStringAsync());

        Assert.Equal(10, firstCodes.Count);
        Assert.Equal(10, secondCodes.Count);
        var tom = (await portal.Get<IUserStore>().FindAsync("tom"))!;
        var store = portal.Get<ISecondFactorStore>();
        Assert.False(await store.TryUseRecoveryCodeAsync(tom.Id, RecoveryCodes.Hash(firstCodes[0]), DateTimeOffset.UtcNow));
        Assert.True(await store.TryUseRecoveryCodeAsync(tom.Id, RecoveryCodes.Hash(secondCodes[0]), DateTimeOffset.UtcNow));
    }

    private static List<string> Codes(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<li>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</li>").Select(m => m.Groups[1].Value).ToList();

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.RequireSecondFactorAsync(PortalRole.Clinician);
        return portal;
    }

    private static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string username) =>
        PostFormAsync(client, "/signin", new() { ["username"] = username, ["password"] = Password });

    /// <summary>Posts a form the way the browser does: with the antiforgery token the page's form carries.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = await client.GetAsync(path == "/signin/second-factor" || path.StartsWith("/account", StringComparison.Ordinal) ? path.Split('?')[0] : "/signin");
        fields["__RequestVerificationToken"] = HiddenToken(await form.Content.ReadAsStringAsync());
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);

    private static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
