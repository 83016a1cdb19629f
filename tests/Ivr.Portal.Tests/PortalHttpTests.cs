using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): the JSON API and
/// the pages keep to the same rules: sign-in, lockout, another practice's message as a missing one, antiforgery on changes.
/// </summary>
public sealed class PortalHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task NothingIsServedBeforeSignInPagesRedirectAndTheApiSays401()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        using var client = portal.Client(followRedirects: false);

        var page = await client.GetAsync("/messages/1");
        var api = await client.GetAsync("/api/messages");
        var audio = await client.GetAsync("/messages/1/recording");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, audio.StatusCode);
    }

    [Fact]
    public async Task PracticeBsMessageAnswersAClinicianOfPracticeAExactlyAsAMissingOneFromTheApiThePageAndTheAudio()
    {
        await using var portal = await ArrangeAsync();
        var theirs = await portal.SeedMessageAsync(PracticeB, Urgency.Urgent);
        const long Missing = 999_999;
        using var client = portal.Client();
        var token = await SignInAsync(client, "lee");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);

        foreach (var path in new[] { "/api/messages/{0}", "/messages/{0}", "/messages/{0}/recording" })
        {
            var theirsResponse = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, path, theirs));
            var missingResponse = await client.GetAsync(string.Format(CultureInfo.InvariantCulture, path, Missing));
            Assert.Equal(HttpStatusCode.NotFound, theirsResponse.StatusCode);
            Assert.Equal(missingResponse.StatusCode, theirsResponse.StatusCode);
            // The page carries a fresh antiforgery token and nonce each time; everything else is the same.
            Assert.Equal(Unstamped(await missingResponse.Content.ReadAsStringAsync()), Unstamped(await theirsResponse.Content.ReadAsStringAsync()));
        }

        var acknowledge = await client.PostAsync($"/api/messages/{theirs}/ack", null);
        var acknowledgeMissing = await client.PostAsync($"/api/messages/{Missing}/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, acknowledge.StatusCode);
        Assert.Equal(await acknowledgeMissing.Content.ReadAsStringAsync(), await acknowledge.Content.ReadAsStringAsync());
        var denied = (await portal.Get<IAuditLog>().ListAsync(20)).Where(e => e.Action == "message.denied").ToArray();
        Assert.Equal(4, denied.Length);
        Assert.All(denied, e => Assert.Equal(theirs.ToString(CultureInfo.InvariantCulture), e.SubjectId));
    }

    [Fact]
    public async Task TheApiListsTheInboxShowsAMessageWithItsHistoryAndAcknowledgesWithTheAntiforgeryHeader()
    {
        await using var portal = await ArrangeAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        await portal.SeedMessageAsync(PracticeB, Urgency.Urgent);
        using var client = portal.Client();
        var token = await SignInAsync(client, "lee");

        var inbox = await client.GetFromJsonAsync<JsonElement>("/api/messages");
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{id}");
        var withoutToken = await client.PostAsync($"/api/messages/{id}/ack", null);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var ack = await client.PostAsync($"/api/messages/{id}/ack", null);
        var again = await client.PostAsync($"/api/messages/{id}/ack", null);

        Assert.Equal(1, inbox.GetArrayLength());
        Assert.Equal(id, inbox[0].GetProperty("id").GetInt64());
        Assert.Equal("urgent", inbox[0].GetProperty("urgency").GetString());
        Assert.False(inbox[0].TryGetProperty("callbackNumber", out _));
        Assert.Equal("5559876543", message.GetProperty("callbackNumber").GetString());
        Assert.Equal("received", message.GetProperty("history")[0].GetProperty("status").GetString());
        Assert.Equal($"/messages/{id}/recording", message.GetProperty("recordingUrl").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(MessageStatus.Acknowledged, (await portal.Get<IMessageStore>().GetAsync(id))!.Status);
    }

    [Fact]
    public async Task TheResolveButtonTakesANoteThatTheHistoryShowsAndTheApiTakesOneToo()
    {
        await using var portal = await ArrangeAsync();
        var byPage = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        var byApi = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, minutesAfter: 1);
        using var client = portal.Client(followRedirects: false);
        var token = await SignInAsync(client, "lee");
        const string Note = "Spoke with the mother: rash fading, fever down, see in clinic tomorrow.";

        var page = await client.GetStringAsync($"/messages/{byPage}");
        var resolved = await client.PostAsync($"/messages/{byPage}?handler=Resolve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenToken(page),
            ["note"] = Note,
        }));
        var after = await client.GetStringAsync($"/messages/{byPage}");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var tooLong = await client.PostAsJsonAsync($"/api/messages/{byApi}/resolve", new { note = new string('x', MessageLifecycle.MaxNoteLength + 1) });
        var stillOpen = (await portal.Get<IMessageStore>().GetAsync(byApi))!.Status;
        var apiResolved = await client.PostAsJsonAsync($"/api/messages/{byApi}/resolve", new { note = "left a voicemail" });
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{byApi}");

        Assert.Contains("What was done", page);
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Note), after);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotEqual(MessageStatus.Resolved, stillOpen);
        Assert.Equal(HttpStatusCode.OK, apiResolved.StatusCode);
        var last = message.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("resolved", last.GetProperty("status").GetString());
        Assert.Equal("left a voicemail", last.GetProperty("note").GetString());
        Assert.Equal(Note, (await portal.Get<Ivr.Domain.Dispatch.IDispatchStore>().HistoryAsync(byPage))[^1].Note);
    }

    [Fact]
    public async Task TheRecordingIsServedDecryptedFromMemoryWithRangesAndItsReadAudited()
    {
        await using var portal = await ArrangeAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var whole = await client.GetAsync($"/messages/{id}/recording");
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/messages/{id}/recording");
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3);
        var head = await client.SendAsync(ranged);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/wav", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestWav.Tone(TimeSpan.FromSeconds(2)), await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
        Assert.Equal("RIFF"u8.ToArray(), await head.Content.ReadAsByteArrayAsync());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(portal.Directory, "recordings"), "*.wav"));
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(10), e => e.Action == "message.recording" && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task FiveWrongPasswordsSlowTheAccountAndTheSixthTryFailsEvenWithTheRightOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        using var client = portal.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/session", new { username = "lee", password = "guess" })).StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(Ivr.Portal.Accounts.SessionApi.RefusedBody, await right.Content.ReadAsStringAsync());
        Assert.True((await portal.Get<IUserStore>().FindAsync("lee"))!.MustWait(time.GetUtcNow()));
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(10), e => e.Action == "signin.failed" && e.Detail.StartsWith("refused unchecked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignInFormNeedsItsAntiforgeryTokenAndSignsInWithIt()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);

        var forged = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lee", ["password"] = Password }));
        var form = await client.GetStringAsync("/signin");
        var token = HiddenToken(form);
        var signedIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lee", ["password"] = Password, ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/messages", signedIn.Headers.Location!.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-ivr-portal=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PagesCarryNoStoreAndAStrictContentSecurityPolicy()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var inbox = await client.GetAsync("/messages");

        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.True(inbox.Headers.CacheControl!.NoStore);
        var policy = inbox.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task WrongPasswordsTypedBySomeoneElseDoNotEndTheOwnersSession()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        using var client = portal.Client(followRedirects: false);
        using var stranger = portal.Client(followRedirects: false);
        await SignInAsync(client, "lee");

        for (var i = 0; i < 6; i++)
        {
            await stranger.PostAsJsonAsync("/api/session", new { username = "lee", password = "guess" });
        }

        var after = await client.GetAsync("/api/messages");

        Assert.True((await portal.Get<IUserStore>().FindAsync("lee"))!.MustWait(time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ATelecomAdminGetsCallTimelinesWithoutCallerIdsAndNoMessages()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        using var client = portal.Client(followRedirects: false);
        await SignInAsync(client, "tom");

        var messages = await client.GetAsync("/api/messages");
        var message = await client.GetAsync($"/api/messages/{id}");
        var calls = await client.GetFromJsonAsync<JsonElement>("/api/calls");
        var call = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{calls[0].GetProperty("id").GetInt64()}");
        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, messages.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(JsonValueKind.Null, calls[0].GetProperty("callerId").ValueKind);
        Assert.Equal("urgency", call.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "decision").GetProperty("name").GetString());
        Assert.Equal(id, call.GetProperty("messages")[0].GetProperty("id").GetInt64());
        Assert.DoesNotContain("5559876543", call.GetRawText());
        Assert.Equal("/calls", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnOperatorSeesNoInboxNoCallsAndNoReportsAndStartsAtTheDesk()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent);
        using var client = portal.Client(followRedirects: false);
        await SignInAsync(client, "sam");

        var messages = await client.GetAsync("/api/messages");
        var message = await client.GetAsync($"/api/messages/{id}");
        var calls = await client.GetAsync("/api/calls");
        var home = await client.GetAsync("/");
        var account = await client.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Forbidden, messages.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, calls.StatusCode);
        Assert.Equal("/desk", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task AnIdleSessionEndsOnItsOwnAndAnActiveOneDoesNot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        using var client = portal.Client(followRedirects: false);
        await SignInAsync(client, "lee");

        time.Advance(TimeSpan.FromMinutes(14));
        var active = await client.GetAsync("/api/messages");
        time.Advance(TimeSpan.FromMinutes(14));
        var stillActive = await client.GetAsync("/api/messages");
        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var idle = await client.GetAsync("/api/messages");
        var page = await client.GetAsync("/messages");

        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("minutes without activity", await client.GetStringAsync("/signin?idle=true"));
    }

    [Fact]
    public async Task WithThePortalOffTheServiceStartsAndNothingListens()
    {
        await using var service = new TempService();
        using var host = Ivr.Server.Hosting.IvrHost.Build([.. service.Settings, "--Portal:Enabled=false", "--Asterisk:FastAgi:Port=0", "--Asterisk:Ami:Secret=", "--Dispatch:Enabled=false"]);

        await host.StartAsync();
        var server = host.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        await host.StopAsync();

        Assert.IsType<Ivr.Portal.NoListenerServer>(server);
    }

    [Fact]
    public async Task TheServedCertificateIsTheOneMadeAtFirstStart()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var seen = string.Empty;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                seen = certificate!.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = portal.BaseAddress };

        await client.GetAsync("/signin");

        var path = Path.Combine(portal.Directory, "portal", "certificate.pfx");
        var password = await File.ReadAllTextAsync(Path.ChangeExtension(path, ".key"));
        using var made = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
        Assert.Equal(made.Thumbprint, seen);
    }

    private static Task<PortalUnderTest> ArrangeAsync(params string[] settings) => ArrangeAsync(null, settings);

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider? time, params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(time, settings);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static string Unstamped(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "(value|content|nonce)=\"[^\"]*\"", "$1=\"\"");

    /// <summary>Signs in through the API and returns the antiforgery token for calls that change something.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        return session.GetProperty("antiforgeryToken").GetString()!;
    }

    internal static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
