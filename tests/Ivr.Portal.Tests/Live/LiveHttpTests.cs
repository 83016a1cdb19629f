using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Live;
using Ivr.Telephony.Trunk;
using Ivr.Portal.Accounts;
using Ivr.Portal.Live;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Live;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): the live page, its
/// snapshot and its event stream under the portal's rules.
/// </summary>
public sealed class LiveHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AClinicianGets403FromThePageTheSnapshotAndTheStreamEachAudited()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var page = await client.GetAsync("/live");
        var api = await client.GetAsync("/api/live");
        var stream = await client.GetAsync("/api/live/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stream.StatusCode);
        Assert.DoesNotContain("href=\"/live\"", await page.Content.ReadAsStringAsync());
        Assert.Equal(3, (await portal.Get<IAuditLog>().ListAsync(20)).Count(e => e.Action == "live.denied" && e.Actor == "portal:lee"));
    }

    [Fact]
    public async Task APracticeAdminsStreamPushesTheirPracticesCallsAsTheyChange()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("pia", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = portal.Client();
        await SignInAsync(client, "pia");
        var tracker = portal.Get<LiveCallTracker>();
        var ours = Session("1795360542.1", PracticeA);
        tracker.Started(ours);
        tracker.Started(Session("1795360542.2", PracticeB));

        var page = await client.GetStringAsync("/live");
        Assert.Contains("href=\"/live\"", page);
        Assert.Contains("data-call-id=\"1795360542.1\"", page);
        Assert.DoesNotContain("1795360542.2", page);
        Assert.DoesNotContain("5551234567", page);

        using var response = await client.GetAsync("/api/live/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextSnapshotAsync(events);
        Assert.Equal(["1795360542.1"], first.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("incoming", first.GetProperty("calls")[0].GetProperty("state").GetString());
        Assert.Equal("···4567", first.GetProperty("calls")[0].GetProperty("caller").GetString());

        tracker.Entered(ours, CallState.Greeting);
        var second = await NextSnapshotAsync(events);
        Assert.Equal("greeting", second.GetProperty("calls")[0].GetProperty("state").GetString());

        tracker.Ended(ours);
        var third = await NextSnapshotAsync(events);
        Assert.Empty(third.GetProperty("calls").EnumerateArray());
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "live.stream" && e.Actor == "portal:pia" && e.SubjectId == PracticeA);
    }

    [Fact]
    public async Task TheStreamKeepsAliveWithoutRenewingTheSessionAndEndsWithExpiredWhenTheSessionDoes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");
        var signedIn = time.GetUtcNow();
        // Past half the (default, 15 minute) timeout any other request would renew the cookie (sliding expiration).
        time.Advance(TimeSpan.FromMinutes(10));

        using var response = await client.GetAsync(LiveApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the stream renewed the session cookie");
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        await NextSnapshotAsync(events);
        var quietFrom = time.GetUtcNow();
        await AdvanceUntilLineAsync(events, time, LiveApi.Heartbeat, ": keep-alive");
        Assert.True(time.GetUtcNow() - quietFrom >= LiveApi.Heartbeat, "a keep-alive came before the stream had been quiet for the heartbeat");
        await AdvanceUntilLineAsync(events, time, TimeSpan.FromMinutes(5), "event: expired");

        Assert.True(time.GetUtcNow() - signedIn >= TimeSpan.FromMinutes(15), "the stream ended before the session did");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/live")).StatusCode);
    }

    [Fact]
    public async Task TheSupervisorSeesTheCarrierTrunkOnThePageTheSnapshotAndTheStreamAsItChanges()
    {
        await using var portal = await ArrangeAsync("--Trunk:Endpoint=carrier");
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");
        var trunk = portal.Get<TrunkHealth>();
        await trunk.ObserveAsync(TrunkRegistrationState.Registered);

        var page = await client.GetStringAsync("/live");
        Assert.Matches(@"<p id=""live-outside-line"" data-state=""up"">Outside line: trunk carrier registered since \d\d:\d\d UTC</p>", page);

        using var response = await client.GetAsync(LiveApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True((await NextSnapshotAsync(events)).GetProperty("outsideLine").GetProperty("up").GetBoolean());

        await trunk.ObserveAsync(TrunkRegistrationState.Rejected);
        var line = (await NextSnapshotAsync(events)).GetProperty("outsideLine");
        Assert.False(line.GetProperty("up").GetBoolean());
        Assert.Equal("trunk carrier refused by the carrier (username or password?)", line.GetProperty("description").GetString());

        var snapshot = await client.GetFromJsonAsync<JsonElement>("/api/live");
        Assert.False(snapshot.GetProperty("outsideLine").GetProperty("up").GetBoolean());
    }

    [Fact]
    public async Task WithTwoAsteriskServersTheSupervisorSeesEachOnThePageTheSnapshotAndTheStreamAsItChanges()
    {
        // Nothing listens on these ports: both servers stand as not connected yet until told otherwise.
        await using var portal = await ArrangeAsync(
            "--Asterisk:Ami:Secret=unused",
            "--Asterisk:Servers:0:Name=ivr-a1",
            "--Asterisk:Servers:0:Port=1",
            "--Asterisk:Servers:1:Name=ivr-a2",
            "--Asterisk:Servers:1:Port=2");
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var page = await client.GetStringAsync("/live");
        Assert.Matches(@"<li data-server=""ivr-a1"" data-state=""down"">Asterisk ivr-a1: not connected yet since \d\d:\d\d UTC</li>", page);
        Assert.Matches(@"<li data-server=""ivr-a2"" data-state=""down"">Asterisk ivr-a2: not connected yet since \d\d:\d\d UTC</li>", page);

        using var response = await client.GetAsync(LiveApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["ivr-a1", "ivr-a2"], (await NextSnapshotAsync(events)).GetProperty("phoneServers").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        var servers = portal.Get<Ivr.Telephony.Hosting.AsteriskServers>();
        await portal.Get<Ivr.Telephony.Hosting.AsteriskHealth>().ObserveAsync(servers.Named("ivr-a2"), true, "connected");
        var shown = (await NextSnapshotAsync(events)).GetProperty("phoneServers");
        Assert.Equal([false, true], shown.EnumerateArray().Select(s => s.GetProperty("up").GetBoolean()));
        Assert.Equal("connected", shown[1].GetProperty("description").GetString());
        Assert.True((await client.GetFromJsonAsync<JsonElement>("/api/live")).GetProperty("phoneServers")[1].GetProperty("up").GetBoolean());
    }

    [Fact]
    public async Task WithOneAsteriskTheLiveViewListsNoServers()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        Assert.Contains("<ul id=\"live-phone-servers\" hidden=\"hidden\">", await client.GetStringAsync("/live"));
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/live")).TryGetProperty("phoneServers", out _));
    }

    [Fact]
    public async Task WithoutATrunkTheLiveViewSaysNothingOfAnOutsideLine()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        Assert.DoesNotContain("live-outside-line", await client.GetStringAsync("/live"));
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/live")).TryGetProperty("outsideLine", out _));
    }

    [Fact]
    public async Task ARevokedSessionsStreamEndsAtItsNextEventNotOnlyAtTheHeartbeat()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");
        var tracker = portal.Get<LiveCallTracker>();

        using var response = await client.GetAsync(LiveApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        await NextSnapshotAsync(events);
        var sam = (await portal.Get<IUserStore>().FindAsync("sam"))!;
        await portal.Get<PortalAccounts>().RevokeAllAsync(sam, "cli:test", SessionEnd.RevokedBySupervisor);
        tracker.Started(Session("1795360542.9", PracticeA));
        string? line;
        do
        {
            line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        while (line is not null && !line.StartsWith("event:", StringComparison.Ordinal));

        Assert.Equal("event: expired", line);
    }

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> until the stream sends <paramref name="expected"/>.
    /// The real-time bound only waits for the server to answer a step, not for time to pass: a step
    /// that lands before the stream has set its timer goes unanswered, and the next one is taken.
    /// </summary>
    private static async Task AdvanceUntilLineAsync(StreamReader events, FakeTimeProvider time, TimeSpan step, string expected)
    {
        var read = events.ReadLineAsync();
        for (var steps = 0; steps < 20; steps++)
        {
            time.Advance(step);
            try
            {
                while (true)
                {
                    var line = await read.WaitAsync(TimeSpan.FromSeconds(1));
                    Assert.NotNull(line);
                    if (line == expected)
                    {
                        return;
                    }

                    read = events.ReadLineAsync();
                }
            }
            catch (TimeoutException)
            {
                // Not answered yet: take another step.
            }
        }

        Assert.Fail($"no '{expected}' after 20 steps of {step}");
    }

    private static async Task<JsonElement> NextSnapshotAsync(StreamReader events)
    {
        while (true)
        {
            var line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(line);
            if (line == "event: snapshot")
            {
                var data = await events.ReadLineAsync();
                Assert.StartsWith("data: ", data);
                return JsonDocument.Parse(data!["data: ".Length..]).RootElement;
            }
        }
    }

    private static Task<PortalUnderTest> ArrangeAsync(params string[] settings) => ArrangeAsync(null, settings);

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider? time, params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(time, settings);
        await portal.SeedPracticesAsync();
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();

    private static CallSession Session(string uniqueId, string practiceId) =>
        new(1, uniqueId, new PracticeProfile(practiceId, practiceId, "greeting", string.Empty, "UTC"), "15550100", "5551234567");
}
