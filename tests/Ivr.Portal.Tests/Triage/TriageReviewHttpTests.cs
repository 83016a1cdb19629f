using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using Ivr.Testing;
using Ivr.Testing.Desk;

namespace Ivr.Portal.Tests.Triage;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS with the example protocols, no browser, no Asterisk): the
/// physician's review list of nurses' downgrades (<c>/triage/reviews</c> and <c>/api/triage/reviews</c>) under the
/// portal's rules, and the "Reviewed" that takes a triage off it, audited.
/// </summary>
public sealed class TriageReviewHttpTests
{
    private const string Password = "correct horse battery";
    private const string Reason = "drinking well now, wet nappy an hour ago";
    private const string PracticeA = PortalUnderTest.PracticeA;
    private const string PracticeB = PortalUnderTest.PracticeB;

    [Fact]
    public async Task ACliniciansListShowsOnlyTheirPracticesAwaitingDowngradesOldestFirstAndTheReadIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var first = await TriageAsync(portal, PracticeA, Disposition.Within24Hours);
        var second = await TriageAsync(portal, PracticeA, Disposition.HomeCare);
        var other = await TriageAsync(portal, PracticeB, Disposition.Within24Hours);
        await TriageAsync(portal, PracticeA, Disposition.EmergencyDepartmentNow);
        using var lee = await SignedInAsync(portal, "lee");
        using var kahale = await SignedInAsync(portal, "kahale");
        using var boss = await SignedInAsync(portal, "boss");

        var ofA = await lee.GetFromJsonAsync<JsonElement>("/api/triage/reviews");
        var ofB = await kahale.GetFromJsonAsync<JsonElement>("/api/triage/reviews");
        var every = await boss.GetFromJsonAsync<JsonElement>("/api/triage/reviews");
        var onlyB = await boss.GetFromJsonAsync<JsonElement>($"/api/triage/reviews?practice={PracticeB}");
        var page = await lee.GetStringAsync("/triage/reviews");

        var reviews = ofA.GetProperty("reviews").EnumerateArray().ToList();
        Assert.Equal([first, second], reviews.Select(r => r.GetProperty("triageId").GetInt64()));
        var one = reviews[0];
        Assert.Equal("garcia", one.GetProperty("nurse").GetString());
        Assert.Equal("see-today", one.GetProperty("computed").GetProperty("code").GetString());
        Assert.Equal("within-24-hours", one.GetProperty("final").GetProperty("code").GetString());
        Assert.Equal("down", one.GetProperty("direction").GetString());
        Assert.Equal(Reason, one.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("reviewedAt").ValueKind);
        Assert.True(one.GetProperty("messageId").GetInt64() > 0);
        Assert.Equal([other], ofB.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("triageId").GetInt64()));
        Assert.Equal(3, every.GetProperty("reviews").GetArrayLength());
        Assert.Equal([other], onlyB.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("triageId").GetInt64()));
        Assert.Contains($"data-triage-id=\"{first}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-triage-id=\"{second}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-triage-id=\"{other}\"", page, StringComparison.Ordinal);
        Assert.Contains(Reason, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("see today", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/triage/reviews\"", page, StringComparison.Ordinal);

        var audit = (await portal.Get<IAuditLog>().ListAsync(100)).Where(e => e.Action == "triage.review-list").ToList();
        Assert.Contains(audit, e => e.Actor == "portal:lee" && e.Detail == $"2 triage(s) awaiting review of {PracticeA}");
        Assert.Contains(audit, e => e.Actor == "portal:boss" && e.Detail == "3 triage(s) awaiting review of every practice");
        Assert.Equal(2, audit.Count(e => e.Actor == "portal:lee"));
        Assert.DoesNotContain(audit, e => e.Detail.Contains("nappy", StringComparison.Ordinal) || e.Detail.Contains("Smith", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherPracticesClinicianAndRolesThatDoNotReviewGet403EachAuditedAndNothingChanges()
    {
        await using var portal = await ArrangeAsync();
        var ofA = await TriageAsync(portal, PracticeA, Disposition.Within24Hours);
        using var kahale = await SignedInAsync(portal, "kahale");
        using var admin = await SignedInAsync(portal, "admin");
        using var nurse = await SignedInAsync(portal, "garcia");

        var named = await kahale.GetAsync($"/api/triage/reviews?practice={PracticeA}");
        var marked = await kahale.PostAsync($"/api/triage/reviews/{ofA}", null);
        var adminList = await admin.GetAsync("/api/triage/reviews");
        var adminPage = await admin.GetAsync("/triage/reviews");
        var adminMark = await admin.PostAsync($"/api/triage/reviews/{ofA}", null);
        var nurseList = await nurse.GetAsync("/api/triage/reviews");
        var unknown = await kahale.PostAsync("/api/triage/reviews/999999", null);

        Assert.Equal(HttpStatusCode.Forbidden, named.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, marked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminMark.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nurseList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null((await portal.Get<ITriageRecordStore>().GetAsync(ofA))!.ReviewedAt);
        Assert.Single(await portal.Get<ITriageRecordStore>().AwaitingReviewAsync(PracticeA));
        var denied = (await portal.Get<IAuditLog>().ListAsync(100)).Where(e => e.Action == "triage.review-denied").ToList();
        Assert.Equal(6, denied.Count);
        Assert.Contains(denied, e => e.Actor == "portal:kahale" && e.SubjectId == ofA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(await portal.Get<IAuditLog>().ListAsync(100), e => e.Action == "triage.review");
    }

    [Fact]
    public async Task MarkingReviewedTakesItOffTheListRecordsWhoAndWhenIsAuditedAndASecondMarkChangesNothing()
    {
        await using var portal = await ArrangeAsync();
        var first = await TriageAsync(portal, PracticeA, Disposition.Within24Hours);
        var second = await TriageAsync(portal, PracticeA, Disposition.HomeCare);
        var raised = await TriageAsync(portal, PracticeA, Disposition.EmergencyDepartmentNow);
        using var lee = await SignedInAsync(portal, "lee");
        using var boss = await SignedInAsync(portal, "boss");
        using var noHeader = portal.Client();
        await SignInAsync(noHeader, "patel");

        var withoutHeader = await noHeader.PostAsync($"/api/triage/reviews/{first}", null);
        var marked = await lee.PostAsync($"/api/triage/reviews/{first}", null);
        var after = await lee.GetFromJsonAsync<JsonElement>("/api/triage/reviews");
        var again = await boss.PostAsync($"/api/triage/reviews/{first}", null);
        var notDown = await lee.PostAsync($"/api/triage/reviews/{raised}", null);

        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var done = await marked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(done.GetProperty("already").GetBoolean());
        Assert.Equal("dr-lee", done.GetProperty("reviewedBy").GetString());
        Assert.Equal([second], after.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("triageId").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var twice = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(twice.GetProperty("already").GetBoolean());
        Assert.Equal("dr-lee", twice.GetProperty("reviewedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, notDown.StatusCode);
        var kept = (await portal.Get<ITriageRecordStore>().GetAsync(first))!;
        Assert.Equal("dr-lee", kept.ReviewedBy);
        Assert.Equal(done.GetProperty("reviewedAt").GetDateTimeOffset(), kept.ReviewedAt);

        var audit = (await portal.Get<IAuditLog>().ListAsync(100)).Where(e => e.Action == "triage.review").OrderBy(e => e.At).ToList();
        var subject = first.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(audit, e => e.Actor == "portal:lee" && e.SubjectId == subject && e.Detail == "downgrade reviewed by dr-lee");
        Assert.Contains(audit, e => e.Actor == "portal:boss" && e.SubjectId == subject && e.Detail == "already reviewed by dr-lee: nothing changed");
        Assert.DoesNotContain(audit, e => e.Actor == "portal:patel");
    }

    [Fact]
    public async Task TheMessagesPageShowsTheReviewStateAndItsReviewedButtonAsTheReviewListsDoes()
    {
        await using var portal = await ArrangeAsync();
        var triage = await TriageAsync(portal, PracticeA, Disposition.Within24Hours);
        var raised = await TriageAsync(portal, PracticeA, Disposition.EmergencyDepartmentNow);
        var records = portal.Get<ITriageRecordStore>();
        var messageId = (await records.GetAsync(triage))!.MessageId!.Value;
        var raisedMessage = (await records.GetAsync(raised))!.MessageId!.Value;
        using var lee = portal.Client(followRedirects: false);
        await SignInAsync(lee, "lee");

        var json = await lee.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}");
        var before = WebUtility.HtmlDecode(await lee.GetStringAsync($"/messages/{messageId}"));
        var list = await lee.GetStringAsync("/triage/reviews");
        var posted = await lee.PostAsync($"/triage/reviews?handler=Reviewed&id={triage}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpTests.HiddenToken(list),
        }));
        var emptied = await lee.GetStringAsync("/triage/reviews");
        var afterPage = WebUtility.HtmlDecode(await lee.GetStringAsync($"/messages/{messageId}"));
        var upgraded = WebUtility.HtmlDecode(await lee.GetStringAsync($"/messages/{raisedMessage}"));

        Assert.Contains("awaiting the on-call physician's review", before, StringComparison.Ordinal);
        Assert.Contains("id=\"triage-reviewed\"", before, StringComparison.Ordinal);
        Assert.Contains("from nurse garcia's triage", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("id=\"no-reviews\"", emptied, StringComparison.Ordinal);
        Assert.Contains("downgrade reviewed by dr-lee", afterPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"triage-reviewed\"", afterPage, StringComparison.Ordinal);
        Assert.Contains("none needed: the nurse did not downgrade the disposition", upgraded, StringComparison.Ordinal);
        Assert.True(json.GetProperty("typed").GetProperty("isTriage").GetBoolean());
        Assert.Equal(triage, json.GetProperty("triage").GetProperty("triageId").GetInt64());
        Assert.Equal("down", json.GetProperty("triage").GetProperty("direction").GetString());
        Assert.True(json.GetProperty("triage").GetProperty("needsPhysicianReview").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("triage").GetProperty("reviewedAt").ValueKind);
        var reviewed = await lee.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}");
        Assert.Equal("dr-lee", reviewed.GetProperty("triage").GetProperty("reviewedBy").GetString());
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await TriageHttpTests.ArrangeAsync(new InMemoryDeskBoard(TimeProvider.System));
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.AddUserAsync("patel", Password, PortalRole.Clinician, PracticeA, "dr-patel");
        await portal.AddUserAsync("kahale", Password, PortalRole.Clinician, PracticeB, "dr-kahale");
        await portal.AddUserAsync("admin", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("boss", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        return portal;
    }

    /// <summary>
    /// A finished triage of the example fever protocol ("see today" computed) overridden to <paramref name="final"/>,
    /// saved with its message as the triage API saves them; returns the triage's id.
    /// </summary>
    private static async Task<long> TriageAsync(PortalUnderTest portal, string practiceId, Disposition final)
    {
        var session = new TriageSession("garcia", TimeProvider.System);
        session.Use((await portal.Get<IProtocolStore>().GetAsync("fever-child"))!);
        for (var i = 0; i < 4; i++)
        {
            session.Answer(yes: false);
        }

        session.Answer(yes: true);
        session.OverrideTo(final, final.IsMoreUrgent(Disposition.SeeToday) ? "looks floppy on video" : Reason);
        var pathway = session.Complete();
        var call = await portal.Get<ICallRecordStore>().StartAsync(new CallRecord
        {
            UniqueId = "1795360542." + Guid.NewGuid().ToString("N")[..6],
            PracticeId = practiceId,
            DialedNumber = "15550100",
            CallerId = "5551234567",
            StartedAt = DateTimeOffset.UtcNow,
        });
        var outcome = TriageFinish.Decide(pathway, new TriagePatient("Ann Smith", "Max Smith", "2019-05-04", "5552013344", true), call, practiceId, null);
        var (messageId, _) = await portal.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(outcome.Message));
        return await portal.Get<ITriageRecordStore>().SaveAsync(new TriageRecord { CallRecordId = call, MessageId = messageId, PracticeId = practiceId, Pathway = pathway });
    }

    private static async Task<HttpClient> SignedInAsync(PortalUnderTest portal, string username)
    {
        var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, username));
        return client;
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
