using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): a patched call's summary shows in its
/// practice's inbox and on its message page, marked as a summary with what it says, is acknowledged like any message
/// (audited), and staff of another practice cannot see it.
/// </summary>
public sealed class PatchSummaryHttpTests
{
    private const string Password = "correct horse battery";

    /// <summary>The fixed night <see cref="PortalUnderTest"/> seeds its calls at.</summary>
    private static readonly DateTimeOffset Received = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    private static readonly DeskMessageForm Form = new(
        "Maria Gomez-canary", "Ava Gomez-canary", "2021-03-04", "(555) 987-6543", true, "Fever of 103 <since> noon", Urgency.Urgent, "");

    [Fact]
    public async Task TheApiGivesTheSummarysFieldsWhileTheInboxListingSaysOnlyWhomItIsFor()
    {
        await using var portal = await ArrangeAsync();
        var (summary, typed) = await portal.SeedPatchSummaryAsync(PracticeA, "dr-lee", "sam", Form);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{summary}");
        var inboxText = await client.GetStringAsync("/api/messages");

        var fields = message.GetProperty("summary");
        Assert.Equal("dr-lee", fields.GetProperty("clinicianId").GetString());
        Assert.Equal("sam", fields.GetProperty("operatorName").GetString());
        Assert.Equal(Received, fields.GetProperty("callStartedAt").GetDateTimeOffset());
        Assert.Equal(Received.AddMinutes(2), fields.GetProperty("clinicianJoinedAt").GetDateTimeOffset());
        Assert.Equal(395, fields.GetProperty("clinicianSeconds").GetInt32());
        Assert.Equal(typed, fields.GetProperty("typedMessageId").GetInt64());
        Assert.Equal("Fever of 103 <since> noon", fields.GetProperty("typedReason").GetString());
        Assert.Equal("5551230000", message.GetProperty("callerId").GetString());
        Assert.Equal("routine", message.GetProperty("urgency").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("typed").ValueKind);
        var arrival = message.GetProperty("history")[0];
        Assert.Equal(("sam", "summary of the call operator sam patched to clinician dr-lee, for them"), (arrival.GetProperty("actor").GetString(), arrival.GetProperty("detail").GetString()));
        var inbox = JsonDocument.Parse(inboxText).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt64());
        Assert.Equal("dr-lee", inbox[summary].GetProperty("summaryFor").GetString());
        Assert.Equal(JsonValueKind.Null, inbox[typed!.Value].GetProperty("summaryFor").ValueKind);
        Assert.DoesNotContain("5551230000", inboxText, StringComparison.Ordinal);
        Assert.DoesNotContain("Fever", inboxText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessagePageMarksItAsASummaryWithItsFieldsAndTheInboxRowAndPagedToMeShowItToItsClinician()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("patel", Password, PortalRole.Clinician, PracticeA, "dr-patel");
        var (summary, typed) = await portal.SeedPatchSummaryAsync(PracticeA, "dr-lee", "sam", Form);
        var (plain, _) = await portal.SeedPatchSummaryAsync(PracticeA, "dr-lee", "kim", minutesAfter: 30);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var page = await client.GetStringAsync($"/messages/{summary}");
        var plainPage = await client.GetStringAsync($"/messages/{plain}");
        var inbox = await client.GetStringAsync("/messages");
        var mine = await client.GetStringAsync("/messages?mine=true");
        var call = (await portal.Get<IMessageStore>().GetAsync(summary))!.CallId;
        var callPage = await client.GetStringAsync($"/calls/{call}");
        using var patel = portal.Client();
        await SignInAsync(patel, "patel");
        var patelsOwn = await patel.GetStringAsync("/messages?mine=true");
        var patelsPractice = await patel.GetStringAsync("/messages");

        Assert.Contains("id=\"summary-badge\">Summary of a patched call</span>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"summary-for\">Dr. Amy Lee (dr-lee), who took the patch</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"summary-operator\">operator sam</dd>", page, StringComparison.Ordinal);
        Assert.Contains("on the call for 6 min 35 s", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/messages/{typed}\">Message {typed}</a>: Fever of 103 &lt;since&gt; noon", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:5551230000\">5551230000</a>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"acknowledge\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"callback\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<audio", page, StringComparison.Ordinal);
        Assert.Contains("none typed for this call", plainPage, StringComparison.Ordinal);
        Assert.Contains("Patched call summary</span> for dr-lee", Row(inbox, summary), StringComparison.Ordinal);
        Assert.Contains("typed by operator sam", Row(inbox, typed!.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("Fever", inbox, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/messages/{summary}\">Message {summary}</a>", callPage, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge summary\">summary for dr-lee</span>", callPage, StringComparison.Ordinal);
        Assert.Contains($"data-message-id=\"{summary}\"", mine, StringComparison.Ordinal);
        Assert.Contains($"data-message-id=\"{plain}\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-message-id=\"{summary}\"", patelsOwn, StringComparison.Ordinal);
        Assert.Contains($"data-message-id=\"{summary}\"", patelsPractice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClinicianAcknowledgesTheSummaryLikeAnyMessageAndItIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var (summary, _) = await portal.SeedPatchSummaryAsync(PracticeA, "dr-lee", "sam");
        using var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, "lee"));

        var ack = await client.PostAsJsonAsync($"/api/messages/{summary}/ack", new { note = "spoke with the parent" });
        var again = await client.PostAsJsonAsync($"/api/messages/{summary}/ack", new { });
        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{summary}");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("acknowledged", message.GetProperty("status").GetString());
        var last = message.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("dr-lee", "acknowledged in the portal", "spoke with the parent"), (last.GetProperty("actor").GetString(), last.GetProperty("detail").GetString(), last.GetProperty("note").GetString()));
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Contains(audit, e => e.Action == "message.acknowledge" && e.SubjectId == summary.ToString(CultureInfo.InvariantCulture) && e.Actor == "portal:lee");
    }

    [Fact]
    public async Task StaffOfAnotherPracticeGetA404AuditedAndDoNotSeeItInTheirInbox()
    {
        await using var portal = await ArrangeAsync();
        await portal.AddUserAsync("kahale", Password, PortalRole.Clinician, PracticeB, "dr-kahale");
        await portal.AddUserAsync("harbor-admin", Password, PortalRole.PracticeAdmin, PracticeB);
        var (summary, _) = await portal.SeedPatchSummaryAsync(PracticeA, "dr-lee", "sam", Form);
        var subject = summary.ToString(CultureInfo.InvariantCulture);

        foreach (var username in new[] { "kahale", "harbor-admin" })
        {
            using var client = portal.Client();
            client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, username));

            var api = await client.GetAsync($"/api/messages/{summary}");
            var page = await client.GetAsync($"/messages/{summary}");
            var ack = await client.PostAsJsonAsync($"/api/messages/{summary}/ack", new { });
            var inbox = await client.GetStringAsync("/api/messages");

            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
            Assert.DoesNotContain("5551230000", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain($"\"id\":{subject},", inbox, StringComparison.Ordinal);
        }

        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Equal(6, audit.Count(e => e.Action == "message.denied" && e.SubjectId == subject));
        Assert.Equal(MessageStatus.Received, (await portal.Get<IMessageStore>().GetAsync(summary))!.Status);
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }

    /// <summary>The inbox's row of one message.</summary>
    private static string Row(string html, long id)
    {
        var start = html.IndexOf($"data-message-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"message {id} is not in the inbox");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
