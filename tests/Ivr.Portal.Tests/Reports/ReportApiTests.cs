using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Messages;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Reports;

/// <summary>Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): who gets which reports, and the billing export.</summary>
public sealed class ReportApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task APracticeAdminGetsTheirOwnPracticesReportAndIsRefusedAnotherAndEveryPractice()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "ann");

        var own = await client.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-11");
        var other = await client.GetAsync($"/api/reports?month=2026-11&practice={PracticeB}");
        var csv = await client.GetAsync($"/reports/billing.csv?month=2026-11&practice={PracticeB}");
        var badMonth = await client.GetAsync("/api/reports?month=november");

        Assert.Equal(PracticeA, own.GetProperty("practiceId").GetString());
        Assert.Equal("America/New_York", own.GetProperty("timeZone").GetString());
        Assert.Equal(2, own.GetProperty("calls").GetInt32());
        Assert.Equal(2, own.GetProperty("callsPerDay")[21].GetInt32());
        Assert.Equal(2, own.GetProperty("afterHoursCalls").GetInt32());
        Assert.Equal(2, own.GetProperty("billing")[0].GetProperty("billableMinutes").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Contains(audit, e => e.Action == "report.view" && e.Actor == "portal:ann" && e.SubjectId == PracticeA);
        Assert.Equal(2, audit.Count(e => e.Action == "report.denied" && e.SubjectId == PracticeB));
    }

    [Theory]
    [InlineData("lee")]
    [InlineData("tom")]
    public async Task CliniciansAndTelecomAdminsGetNoReportsAndTheRefusalIsAudited(string username)
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, username);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/billing.csv")).StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Equal(3, audit.Count(e => e.Action == "report.denied" && e.Actor == "portal:" + username));
    }

    [Fact]
    public async Task TheSupervisorExportsEveryPracticesBillableMinutesAsCsv()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var response = await client.GetAsync("/reports/billing.csv?month=2026-11");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "practice_id,practice_name,month,calls,billable_minutes\r\n"
            + $"{PracticeB},Harbor Internal Medicine,2026-11,1,1\r\n"
            + $"{PracticeA},Riverside Pediatrics,2026-11,2,2\r\n",
            body);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(50), e => e.Action == "report.billing" && e.SubjectId == "*");
    }

    [Fact]
    public async Task EveryPracticesBillCountsEachPracticesMonthInItsOwnZone()
    {
        await using var portal = await ArrangeAsync();
        // 1 December 05:00 UTC is still 30 November, 19:00 in Honolulu: practice B bills it in November.
        await portal.SeedMessageAsync(PracticeB, Urgency.Routine, minutesAfter: (int)(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero) - new DateTimeOffset(2026, 11, 22, 7, 10, 0, TimeSpan.Zero)).TotalMinutes, withRecording: false);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var november = await client.GetStringAsync("/reports/billing.csv?month=2026-11");
        var december = await client.GetStringAsync("/reports/billing.csv?month=2026-12");
        var practiceOwn = await client.GetStringAsync($"/reports/billing.csv?month=2026-11&practice={PracticeB}");

        Assert.Contains($"{PracticeB},Harbor Internal Medicine,2026-11,2,2\r\n", november, StringComparison.Ordinal);
        Assert.Contains($"{PracticeB},Harbor Internal Medicine,2026-11,2,2\r\n", practiceOwn, StringComparison.Ordinal);
        Assert.Equal("practice_id,practice_name,month,calls,billable_minutes\r\n", december);
    }

    [Fact]
    public async Task TheDeskSectionCountsEachPracticeAgainstItsOwnTargetAndOccupancyOnlyForEveryPractice()
    {
        await using var portal = await ArrangeAsync();
        await portal.SeedDeskAsync();
        using var supervisor = portal.Client();
        await SignInAsync(supervisor, "sam");
        using var admin = portal.Client();
        await SignInAsync(admin, "ann");

        var every = (await supervisor.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-11")).GetProperty("desk");
        var own = (await admin.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-11")).GetProperty("desk");
        var december = (await supervisor.GetFromJsonAsync<JsonElement>("/api/reports?month=2026-12")).GetProperty("desk");

        var practices = every.GetProperty("practices").EnumerateArray().ToList();
        Assert.Equal([PracticeB, PracticeA], practices.Select(p => p.GetProperty("practiceId").GetString()));
        var harbor = practices[0];
        Assert.Equal((90, 30), (harbor.GetProperty("targetPercent").GetInt32(), harbor.GetProperty("targetSeconds").GetInt32()));
        Assert.Equal((2, 1, 1), (harbor.GetProperty("offered").GetInt32(), harbor.GetProperty("answered").GetInt32(), harbor.GetProperty("abandoned").GetInt32()));
        Assert.Equal((1.0, 0.5), (harbor.GetProperty("sl").GetDouble(), harbor.GetProperty("sl2").GetDouble()));
        Assert.True(harbor.GetProperty("metTarget").GetBoolean());
        var riverside = practices[1];
        Assert.Equal((4, 2, 1, 1, 0), (riverside.GetProperty("offered").GetInt32(), riverside.GetProperty("answered").GetInt32(), riverside.GetProperty("abandoned").GetInt32(), riverside.GetProperty("leftForMessage").GetInt32(), riverside.GetProperty("leftForDoctor").GetInt32()));
        Assert.Equal((0.5, 2.0 / 3), (riverside.GetProperty("sl").GetDouble(), riverside.GetProperty("sl2").GetDouble()));
        Assert.Equal((18.5, 25.0), (riverside.GetProperty("averageWaitSeconds").GetDouble(), riverside.GetProperty("p90WaitSeconds").GetDouble()));

        // 25 s is late for Riverside (20 s) and on time for Harbor (30 s): 2 of 3 answered within their own target.
        var overall = every.GetProperty("overall");
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("practiceId").ValueKind);
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("targetSeconds").ValueKind);
        Assert.Equal((6, 3, 2), (overall.GetProperty("offered").GetInt32(), overall.GetProperty("answered").GetInt32(), overall.GetProperty("abandoned").GetInt32()));
        Assert.Equal((2.0 / 3, 0.6), (overall.GetProperty("sl").GetDouble(), overall.GetProperty("sl2").GetDouble()));

        var occupancy = every.GetProperty("occupancy");
        Assert.Equal(["kai", "sam"], occupancy.GetProperty("operators").EnumerateArray().Select(o => o.GetProperty("operator").GetString()));
        Assert.Equal((2400L, 240L, 0.1), Occupancy(occupancy.GetProperty("operators")[0]));
        Assert.Equal((3600L, 480L, Math.Round(480.0 / 3600, 6)), Occupancy(occupancy.GetProperty("operators")[1]));
        Assert.Equal((6000L, 720L, 0.12), Occupancy(occupancy.GetProperty("all")));

        Assert.Equal([PracticeA], own.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("practiceId").GetString()));
        Assert.Equal(4, own.GetProperty("overall").GetProperty("offered").GetInt32());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("occupancy").ValueKind);

        Assert.Empty(december.GetProperty("practices").EnumerateArray());
        Assert.Equal(0, december.GetProperty("overall").GetProperty("offered").GetInt32());
        Assert.Equal(JsonValueKind.Null, december.GetProperty("overall").GetProperty("sl").ValueKind);
        Assert.Equal(JsonValueKind.Null, december.GetProperty("overall").GetProperty("sl2").ValueKind);
        Assert.Equal(JsonValueKind.Null, december.GetProperty("overall").GetProperty("averageWaitSeconds").ValueKind);
    }

    [Theory]
    [InlineData(null, "none")]
    [InlineData(0.0, "0 %")]
    [InlineData(2.0 / 3, "66.6 %")]
    [InlineData(0.9999, "99.9 %")]
    [InlineData(0.6, "60 %")]
    [InlineData(1.0, "100 %")]
    public void TheReportsPageWritesRatiosAsPercentsRoundedDownAndNothingMeasuredAsNone(double? ratio, string shown) =>
        Assert.Equal(shown, Ivr.Portal.Pages.Reports.ReportsModel.Percent(ratio));

    private static (long AtDesk, long Busy, double Share) Occupancy(JsonElement o) =>
        (o.GetProperty("atDeskSeconds").GetInt64(), o.GetProperty("busySeconds").GetInt64(), Math.Round(o.GetProperty("occupancy").GetDouble(), 6));

    /// <summary>Three calls of 39 billable seconds on 22 November (each bills a minute): two of practice A, one of B.</summary>
    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5, withRecording: false);
        await portal.SeedMessageAsync(PracticeB, Urgency.Routine, minutesAfter: 6, withRecording: false);
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
}
