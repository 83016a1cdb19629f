using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Reports;

/// <summary>Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the triage section of the reports, its export, and who gets them.</summary>
public sealed class TriageReportHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task APracticeAdminSeesTheirPracticesTriageMixOverridesTimesAndAcknowledgement()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "ann");

        var triage = (await client.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-11")).GetProperty("triage");

        Assert.Equal(3, triage.GetProperty("triages").GetInt32());
        var mix = triage.GetProperty("mix").EnumerateArray().ToList();
        Assert.Equal(Dispositions.All.Select(Dispositions.Code), mix.Select(m => m.GetProperty("code").GetString()));
        Assert.Equal([0, 1, 0, 0, 1, 0, 0, 1], mix.Select(m => m.GetProperty("count").GetInt32()));
        Assert.Equal(1.0, mix.Sum(m => m.GetProperty("share").GetDouble()), 9);
        Assert.Equal("go to the emergency department now", mix[1].GetProperty("words").GetString());
        var overrides = triage.GetProperty("overrides");
        Assert.Equal((1, 1, 0, 1), (overrides.GetProperty("up").GetInt32(), overrides.GetProperty("down").GetInt32(), overrides.GetProperty("reviewed").GetInt32(), overrides.GetProperty("awaitingReview").GetInt32()));
        // To the nurse: the desk's answers after 30 s and 50 s, and a triage started 60 s after the ring with no desk answer.
        Assert.Equal((3, 50.0, 60.0), Stats(triage.GetProperty("ringToNurse")));
        Assert.Equal(2, triage.GetProperty("nurseAnsweredAtDesk").GetInt32());
        Assert.Equal((3, 360.0, 360.0), Stats(triage.GetProperty("ringToDisposition")));
        Assert.Equal(3, triage.GetProperty("messages").GetInt32());
        Assert.Equal((2, 120.0, 480.0), Stats(triage.GetProperty("timeToAcknowledge")));
        Assert.Equal(1, triage.GetProperty("unacknowledged").GetInt32());
    }

    [Fact]
    public async Task TheSupervisorSeesEveryPracticeTogetherAndAnEmptyMonthHasEveryRungAndNoShares()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var every = (await client.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-11")).GetProperty("triage");
        var harbor = (await client.GetFromJsonAsync<JsonElement>($"/api/reports?month=2026-11&practice={PracticeB}")).GetProperty("triage");
        var december = (await client.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-12")).GetProperty("triage");
        var csv = await client.GetStringAsync("/reports/triage.csv?month=2026-11");
        var emptyCsv = await client.GetStringAsync("/reports/triage.csv?month=2026-12");

        Assert.Equal(4, every.GetProperty("triages").GetInt32());
        Assert.Equal(1, harbor.GetProperty("triages").GetInt32());
        Assert.Equal(1, harbor.GetProperty("mix")[3].GetProperty("count").GetInt32());
        Assert.Equal(0, december.GetProperty("triages").GetInt32());
        Assert.Equal(8, december.GetProperty("mix").GetArrayLength());
        Assert.All(december.GetProperty("mix").EnumerateArray(), m => Assert.Equal(JsonValueKind.Null, m.GetProperty("share").ValueKind));
        Assert.Equal(JsonValueKind.Null, december.GetProperty("ringToNurse").GetProperty("medianSeconds").ValueKind);
        Assert.Contains("\r\n*,every practice,2026-11,see-today,see today,1,0.25\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\n*,every practice,2026-12,home-care,home care,0,\r\n", emptyCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTriageCsvListsEveryRungOfThePracticesMonthAndIsAudited()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "ann");

        var response = await client.GetAsync("/reports/triage.csv?month=2026-11");
        var body = await response.Content.ReadAsStringAsync();
        var other = await client.GetAsync($"/reports/triage.csv?month=2026-11&practice={PracticeB}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("practice_id,practice_name,month,disposition,words,count,share", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Equal($"{PracticeA},Riverside Pediatrics,2026-11,call-911-now,call 911 now,0,0", lines[1]);
        Assert.Equal($"{PracticeA},Riverside Pediatrics,2026-11,ed-now,go to the emergency department now,1,0.3333", lines[2]);
        Assert.Equal($"{PracticeA},Riverside Pediatrics,2026-11,see-now,see a clinician now (office or urgent care),0,0", lines[3]);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "report.triage" && e.Actor == "portal:ann" && e.SubjectId == PracticeA);
        Assert.Contains(audit, e => e.Action == "report.denied" && e.SubjectId == PracticeB && e.Detail.Contains("report.triage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lee")]
    [InlineData("garcia")]
    public async Task CliniciansAndNursesGetNoTriageReport(string username)
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, username);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/triage.csv?month=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports?month=2026-11")).StatusCode);
    }

    [Fact]
    public async Task TheReportsPageShowsTheTriageSectionWithTheMixInLadderOrder()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "ann");

        var page = await client.GetStringAsync("/reports?month=2026-11");

        Assert.Contains("<h2 id=\"triage-heading\">Nurse triage</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"triages\">3</strong>", page, StringComparison.Ordinal);
        var order = Dispositions.All.Select(d => page.IndexOf($"data-disposition=\"{Dispositions.Code(d)}\"", StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("33.3 %", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/reports/triage.csv?month=2026-11&amp;practice={PracticeA}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria Lopez", page, StringComparison.Ordinal);
    }

    private static (int Count, double? Median, double? P90) Stats(JsonElement s) =>
        (s.GetProperty("count").GetInt32(), Seconds(s.GetProperty("medianSeconds")), Seconds(s.GetProperty("p90Seconds")));

    private static double? Seconds(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    /// <summary>
    /// Riverside (A), November 2026: a see-today triage downgraded to within 24 hours (nurse answered at the desk after 30 s,
    /// message acknowledged after 8 min), a home-care triage with no desk answer (message not acknowledged), a home-care
    /// triage raised to ED now (desk answer after 50 s, acknowledged after 2 min). Harbor (B): one see-today triage.
    /// Every triage runs from a minute after the ring to six minutes after it.
    /// </summary>
    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var dispatch = portal.Get<IDispatchStore>();
        var ring = new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
        var (_, down) = await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.SeeToday, Disposition.Within24Hours, deskAnswerSeconds: 30);
        await dispatch.AdvanceAsync(down, MessageStatus.Acknowledged, "dr-lee", "pressed 1", ring.AddMinutes(6 + 8));
        await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.HomeCare, minutesAfter: 10);
        var (_, up) = await portal.SeedTriageAsync(PracticeA, "ito", Disposition.HomeCare, Disposition.EmergencyDepartmentNow, minutesAfter: 20, deskAnswerSeconds: 50);
        await dispatch.AdvanceAsync(up, MessageStatus.Acknowledged, "dr-lee", "pressed 1", ring.AddMinutes(20 + 6 + 2));
        await portal.SeedTriageAsync(PracticeB, "garcia", Disposition.SeeToday, minutesAfter: 30);
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
}
