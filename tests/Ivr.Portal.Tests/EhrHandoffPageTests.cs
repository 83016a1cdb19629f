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

    [Fact]
    public async Task TheInboxMarksTheMessagesTheEhrHasNotTakenAndOnlyThose()
    {
        await using var portal = await Ivr.Testing.PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        var refused = await portal.SeedMessageAsync(PracticeA, Urgency.Routine);
        var retrying = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5);
        var delivered = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 10);
        var handoffs = portal.Get<IEhrHandoffStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, state, outcome) in new[] { (refused, EhrHandoffState.Refused, EhrOutcome.Refused), (retrying, EhrHandoffState.Pending, EhrOutcome.TryAgain), (delivered, EhrHandoffState.Delivered, EhrOutcome.Done) })
        {
            Assert.True(await handoffs.ClaimAsync(id, "test", now.AddDays(1), now.AddDays(1).AddMinutes(5)));
            Assert.True(await handoffs.FinishAsync(id, "test", state, new EhrResult(outcome, EhrLevel.Propose, outcome == EhrOutcome.Done ? "Appointment/1" : null, "HTTP 503"), now.AddMinutes(1), now, null));
        }

        using var client = portal.Client();
        var signIn = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        signIn.EnsureSuccessStatusCode();
        var inbox = await client.GetStringAsync("/messages");

        Assert.Contains(">EHR refused</span>", Row(inbox, refused), StringComparison.Ordinal);
        Assert.Contains(">Not yet in the EHR</span>", Row(inbox, retrying), StringComparison.Ordinal);
        Assert.DoesNotContain("ehr-undelivered", Row(inbox, delivered), StringComparison.Ordinal);
    }

    private static string Row(string page, long messageId)
    {
        var start = page.IndexOf($"data-message-id=\"{messageId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"message {messageId} is not in the inbox");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
