using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Messages;
using Ivr.Portal.Accounts;
using Microsoft.AspNetCore.Http;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Audit;

/// <summary>Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the supervisor's audit page and who is refused it.</summary>
public sealed partial class AuditPageTests
{
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheSupervisorFiltersByWhoMessagePracticeActionAndDates()
    {
        await using var portal = await ArrangeAsync();
        var messageA = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        var messageB = await portal.SeedMessageAsync(PracticeB, Urgency.Routine, minutesAfter: 5, withRecording: false);
        var log = portal.Get<IAuditLog>();
        await log.RecordAsync(new AuditEntry(Start, "portal:ann", "message.view", "message", Id(messageA), "a"));
        await log.RecordAsync(new AuditEntry(Start.AddDays(1), "portal:ann", "message.view", "message", Id(messageB), "b"));
        await log.RecordAsync(new AuditEntry(Start.AddDays(2), "cli:root", "messages.show", "message", Id(messageA), "history viewed"));
        await log.RecordAsync(new AuditEntry(Start.AddDays(3), "portal:sam", "practice.settings.view", "practice", PracticeB, "revision 1"));
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        Assert.Equal(["portal:ann", "portal:ann"], Actors(await PageAsync(client, "/audit?who=ann")));
        Assert.Equal(["cli:root", "portal:ann"], Actors(await PageAsync(client, $"/audit?message={messageA}")));
        Assert.Equal(["practice.settings.view", "message.view"], Actions(await PageAsync(client, $"/audit?practice={PracticeB}")));
        Assert.Equal(["messages.show"], Actions(await PageAsync(client, "/audit?action=messages.show")));
        Assert.Equal(["messages.show", "message.view"], Actions(await PageAsync(client, "/audit?from=2026-11-23&until=2026-11-24")));
        var refused = await PageAsync(client, "/audit?from=someday");
        Assert.Contains("Dates are days like 2026-11-22.", refused);
        Assert.Empty(Actions(refused));
    }

    [Fact]
    public async Task TheSupervisorPagesThroughTheRowsNewestFirst()
    {
        await using var portal = await ArrangeAsync();
        var log = portal.Get<IAuditLog>();
        for (var i = 0; i < 60; i++)
        {
            await log.RecordAsync(new AuditEntry(Start.AddMinutes(i), "portal:ann", "message.list", "message", "*", $"row {i}"));
        }

        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var first = await PageAsync(client, "/audit?action=message.list");
        var second = await PageAsync(client, "/audit?action=message.list&p=2");

        Assert.Equal(50, Actions(first).Length);
        Assert.Contains("row 59", first);
        Assert.Contains("page 1 of 2", first);
        Assert.Equal(10, Actions(second).Length);
        Assert.Contains("row 0<", second);
        Assert.DoesNotContain("row 59", second);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("lee")]
    [InlineData("tom")]
    public async Task EveryoneButTheSupervisorIsRefusedAndTheRefusalIsAudited(string username)
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, username);

        var response = await client.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Contains(audit, e => e.Action == "audit.denied" && e.Actor == "portal:" + username);
        Assert.DoesNotContain(audit, e => e.Action == "audit.view");
    }

    [Fact]
    public async Task PortalRowsRecordTheClientAddressAndEveryRowIsChained()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        await PageAsync(client, "/audit");

        var view = Assert.Single(await portal.Get<IAuditTrail>().QueryAsync(new AuditQuery(Action: "audit.view"), 0, 10));
        Assert.Equal("127.0.0.1", view.Entry.Address);
        Assert.Matches("^[0-9a-f]{64}$", view.Chain);
    }

    [Fact]
    public void TheOriginOfARequestIsItsSessionClaimAndRemoteAddress()
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalClaims.Session, "s-42")], PortalClaims.Scheme)),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var accessor = new HttpContextAccessor { HttpContext = context };
        var origin = new HttpAuditOrigin(accessor);

        Assert.Equal(("s-42", "203.0.113.7"), (origin.Session, origin.Address));
        Assert.Equal("ivr:session", PortalClaims.Session);
        accessor.HttpContext = null;
        Assert.Null(origin.Session);
        Assert.Null(origin.Address);
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        return portal;
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The actions of the rows shown, in order; the sign-in and the page's own rows are left out.</summary>
    private static string[] Actions(string html) =>
        [.. RowAction().Matches(html).Select(m => m.Groups[1].Value).Where(a => a is not ("audit.view" or "signin"))];

    private static string[] Actors(string html) =>
        [.. RowActor().Matches(html).Where(m => m.Groups[2].Value is not ("audit.view" or "signin")).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-id=\"\\d+\" data-action=\"([^\"]+)\">")]
    private static partial Regex RowAction();

    [GeneratedRegex("<tr data-id=\"\\d+\" data-action=\"[^\"]+\">\\s*<td>\\d+</td>\\s*<td>[^<]+</td>\\s*<td>([^<]+)</td>\\s*<td>([^<]+)</td>")]
    private static partial Regex RowActor();
}
