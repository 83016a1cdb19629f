using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): the message page says where its EHR hand-off stands.</summary>
public sealed class EhrHandoffPageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AHandOffTheEhrRefusedIsShownOnTheMessagePageAndAPracticeWithoutALinkShowsNone()
    {
        await using var portal = await Ivr.Testing.PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        var refused = await portal.SeedMessageAsync(PracticeA, Urgency.Routine);
        var waiting = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5);
        var handoffs = portal.Get<IEhrHandoffStore>();
        var now = DateTimeOffset.UtcNow;
        Assert.True(await handoffs.ClaimAsync(refused, "test", now.AddDays(1), now.AddDays(1).AddMinutes(5)));
        Assert.True(await handoffs.FinishAsync(refused, "test", EhrHandoffState.Refused, new EhrResult(EhrOutcome.Refused, EhrLevel.Propose, null, "create Appointment: HTTP 403 (forbidden)"), now, now, "EHR refused: create Appointment: HTTP 403 (forbidden)"));
        using var client = portal.Client();
        var signIn = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        signIn.EnsureSuccessStatusCode();

        var refusedPage = await client.GetStringAsync($"/messages/{refused}");
        var waitingPage = await client.GetStringAsync($"/messages/{waiting}");

        Assert.Contains("<dd id=\"ehr\">EHR refused: create Appointment: HTTP 403 (forbidden)</dd>", refusedPage, StringComparison.Ordinal);
        Assert.Contains("EHR refused: create Appointment: HTTP 403 (forbidden)", refusedPage[refusedPage.IndexOf("id=\"history\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"ehr\"", waitingPage, StringComparison.Ordinal); // the seeded practices have no link
    }
}
