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
/// Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): a message typed at the desk shows
/// what the operator typed wherever the message itself is shown, and nowhere that shows no patient data.
/// </summary>
public sealed class TypedMessageHttpTests
{
    private const string Password = "correct horse battery";

    private static readonly DeskMessageForm Form = new(
        "Maria Gomez-canary", "Ava Gomez-canary", "2021-03-04", "(555) 987-6543", true, "Fever of 103 <since> noon", Urgency.Urgent, "Gave Tylenol at 8 pm.\nAllergic to penicillin.");

    [Fact]
    public async Task TheApiGivesTheTypedFieldsAndWhoTookItWhileTheInboxListingCarriesOnlyTheOperator()
    {
        await using var portal = await ArrangeAsync();
        var typed = await portal.SeedTypedMessageAsync(PracticeA, Form, "sam");
        var recorded = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var message = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{typed}");
        var other = await client.GetFromJsonAsync<JsonElement>($"/api/messages/{recorded}");
        var inboxText = await client.GetStringAsync("/api/messages");

        var form = message.GetProperty("typed");
        Assert.Equal("Maria Gomez-canary", form.GetProperty("callerName").GetString());
        Assert.Equal("Ava Gomez-canary", form.GetProperty("patientName").GetString());
        Assert.Equal("2021-03-04", form.GetProperty("dateOfBirth").GetString());
        Assert.Equal("Fever of 103 <since> noon", form.GetProperty("reason").GetString());
        Assert.Equal("Gave Tylenol at 8 pm.\nAllergic to penicillin.", form.GetProperty("notes").GetString());
        Assert.Equal("sam", form.GetProperty("takenBy").GetString());
        Assert.Equal("5559876543", message.GetProperty("callbackNumber").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("recordingUrl").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("nameRecordingUrl").ValueKind);
        var arrival = message.GetProperty("history")[0];
        Assert.Equal(("sam", "message typed by operator sam"), (arrival.GetProperty("actor").GetString(), arrival.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.Null, other.GetProperty("typed").ValueKind);
        var inbox = JsonDocument.Parse(inboxText).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt64());
        Assert.Equal("sam", inbox[typed].GetProperty("typedBy").GetString());
        Assert.Equal(JsonValueKind.Null, inbox[recorded].GetProperty("typedBy").ValueKind);
        Assert.DoesNotContain("canary", inboxText, StringComparison.Ordinal);
        Assert.DoesNotContain("2021-03-04", inboxText, StringComparison.Ordinal);
        Assert.DoesNotContain("Tylenol", inboxText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMessagePageShowsTheTypedFieldsInPlaceOfThePlayerAndTheInboxRowSaysTypedByOperator()
    {
        await using var portal = await ArrangeAsync();
        var typed = await portal.SeedTypedMessageAsync(PracticeA, Form, "sam");
        var recorded = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var page = await client.GetStringAsync($"/messages/{typed}");
        var recordedPage = await client.GetStringAsync($"/messages/{recorded}");
        var inbox = await client.GetStringAsync("/messages");

        Assert.Contains("<dd id=\"typed-caller\">Maria Gomez-canary</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"typed-patient\">Ava Gomez-canary</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"typed-birth\">2021-03-04</dd>", page, StringComparison.Ordinal);
        Assert.Contains("Fever of 103 &lt;since&gt; noon", page, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Form.Notes), page, StringComparison.Ordinal);
        Assert.Contains("typed by operator sam", page, StringComparison.Ordinal);
        Assert.Contains("message typed by operator sam", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<audio", page, StringComparison.Ordinal);
        Assert.DoesNotContain("no recording", page, StringComparison.Ordinal);
        Assert.Contains("<audio id=\"recording\"", recordedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("typed-", recordedPage, StringComparison.Ordinal);
        var row = Row(inbox, typed);
        Assert.Contains("typed by operator sam", row, StringComparison.Ordinal);
        Assert.DoesNotContain("0 s", row, StringComparison.Ordinal);
        Assert.Contains("2 s", Row(inbox, recorded), StringComparison.Ordinal);
        Assert.DoesNotContain("canary", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingATypedMessageIsAuditedAndAnotherPracticeGetsA404()
    {
        await using var portal = await ArrangeAsync();
        var theirs = await portal.SeedTypedMessageAsync(PracticeB, Form, "sam");
        var mine = await portal.SeedTypedMessageAsync(PracticeA, Form, "kim", minutesAfter: 1);
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        var api = await client.GetAsync($"/api/messages/{theirs}");
        var page = await client.GetAsync($"/messages/{theirs}");
        var read = await client.GetAsync($"/api/messages/{mine}");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("canary", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.Contains(audit, e => e.Action == "message.view" && e.SubjectId == mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, audit.Count(e => e.Action == "message.denied" && e.SubjectId == theirs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The inbox's row of one message.</summary>
    private static string Row(string html, long id)
    {
        var start = html.IndexOf($"data-message-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"message {id} is not in the inbox");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
