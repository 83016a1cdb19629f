using System.Net;
using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Campaigns;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS with the real campaign store, no browser, no Asterisk): a
/// patient's confirmation page without signing in, its answers, the page every link that does not work gets, the
/// audit of each use, and the limit on requests.
/// </summary>
public sealed class PatientLinkHttpTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static readonly CampaignPatient Ava = new(2, "Ava Canary", "+13125550142", "ava@patients.example", new DateTime(2026, 12, 4, 9, 30, 0), "Dr. Lee");

    private static readonly CampaignPatient Ben = new(3, "Ben Canary", "+13125550143", "ben@patients.example", new DateTime(2026, 12, 4, 10, 0, 0), "Dr. Lee");

    [Fact]
    public async Task ConfirmingSpendsTheLinkStopsTheCallsAndIsAuditedByPatientIdNeverByToken()
    {
        await using var portal = await ArrangeAsync(new FakeTimeProvider(Now));
        var (campaignId, tokens) = await CampaignAsync(portal, CampaignKind.Cancellation, [Ava]);
        var token = tokens[0];
        var patientId = (await portal.Get<ICampaignStore>().PatientsAsync(campaignId))[0].Id;
        using var client = portal.Client();

        using var shown = await client.GetAsync($"/confirm/{token}");
        var page = await shown.Content.ReadAsStringAsync();
        using var confirmed = await client.PostAsync($"/confirm/{token}", Form(page));
        var thanks = await confirmed.Content.ReadAsStringAsync();
        using var again = await client.GetAsync($"/confirm/{token}");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("<h1 id=\"practice\">Riverside Pediatrics</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Dr. Lee is away on Friday: your visit is cancelled.", page, StringComparison.Ordinal);
        Assert.Contains("<span id=\"callback\">(312) 555-0100</span>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"confirm\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("script-src 'self'", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("your confirmation is recorded", thanks, StringComparison.Ordinal);
        var patient = await portal.Get<ICampaignStore>().PatientAsync(patientId);
        Assert.Equal((PatientProgress.Confirmed, "email link"), (patient!.Progress, patient.ConfirmedHow));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = (await portal.Get<IAuditLog>().ListAsync(50)).Where(e => e.Actor == "patient link").ToList();
        Assert.Equal(["campaign.link.open", "campaign.link.confirm"], audit.Select(e => e.Action).Reverse());
        Assert.All(audit, e => Assert.Equal(("campaign-patient", patientId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (e.SubjectType, e.SubjectId)));
        Assert.All(audit, e => Assert.DoesNotContain(token, e.Detail + e.SubjectId + e.Session, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain("Canary", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PickingASlotReschedulesAndASlotTakenMeanwhileSaysSoAndOffersTheRest()
    {
        await using var portal = await ArrangeAsync(new FakeTimeProvider(Now));
        var (campaignId, tokens) = await CampaignAsync(portal, CampaignKind.Reschedule, [Ava, Ben], [new DateTime(2026, 12, 7, 9, 30, 0), new DateTime(2026, 12, 7, 10, 0, 0)]);
        var store = portal.Get<ICampaignStore>();
        var slots = await store.OpenSlotsAsync(campaignId);
        var patients = await store.PatientsAsync(campaignId);
        var ava = patients.Single(p => p.Patient.Line == Ava.Line).Id;
        using var avaClient = portal.Client();
        using var benClient = portal.Client();

        var avaPage = await avaClient.GetStringAsync($"/confirm/{tokens[0]}");
        var benPage = await benClient.GetStringAsync($"/confirm/{tokens[1]}");
        using var benTook = await benClient.PostAsync($"/confirm/{tokens[1]}", Form(benPage, slots[0].Id));
        using var avaLate = await avaClient.PostAsync($"/confirm/{tokens[0]}", Form(avaPage, slots[0].Id));
        var late = await avaLate.Content.ReadAsStringAsync();
        using var avaTook = await avaClient.PostAsync($"/confirm/{tokens[0]}", Form(late, slots[1].Id));
        var done = await avaTook.Content.ReadAsStringAsync();

        Assert.Contains("Monday, December 7 at 9:30 AM", avaPage, StringComparison.Ordinal);
        Assert.Contains("Monday, December 7 at 10:00 AM", avaPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", avaPage, StringComparison.Ordinal);
        Assert.Contains("Thank you: your new appointment is Monday, December 7 at 9:30 AM", await benTook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, avaLate.StatusCode);
        Assert.Contains("someone took that time a moment ago", late, StringComparison.Ordinal);
        Assert.DoesNotContain("9:30 AM", late, StringComparison.Ordinal);
        Assert.Contains($"value=\"{slots[1].Id}\"", late, StringComparison.Ordinal);
        Assert.Contains("Thank you: your new appointment is Monday, December 7 at 10:00 AM", done, StringComparison.Ordinal);
        var after = await store.PatientAsync(ava);
        Assert.Equal((PatientProgress.Rescheduled, slots[1].Id, "email link"), (after!.Progress, after.SlotId, after.ConfirmedHow));
        Assert.Null(await store.PatientByLinkAsync(tokens[0], Now));
        var actions = (await portal.Get<IAuditLog>().ListAsync(50)).Where(e => e.Actor == "patient link" && e.SubjectId == ava.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Action).Reverse();
        Assert.Equal(["campaign.link.open", "campaign.link.slot-taken", "campaign.link.reschedule"], actions);
    }

    [Fact]
    public async Task APatientWhoAnsweredAnotherWayIsToldNothingMoreIsNeededAndCannotConfirmAgain()
    {
        await using var portal = await ArrangeAsync(new FakeTimeProvider(Now));
        var (campaignId, tokens) = await CampaignAsync(portal, CampaignKind.Cancellation, [Ava]);
        var store = portal.Get<ICampaignStore>();
        var patientId = (await store.PatientsAsync(campaignId))[0].Id;
        Assert.True(await store.MarkConfirmedAsync(patientId, "staff: reached at the front desk", Now));
        using var client = portal.Client();

        var page = await client.GetStringAsync($"/confirm/{tokens[0]}");

        Assert.Contains("Your answer is recorded already", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page, StringComparison.Ordinal);
        Assert.Equal("staff: reached at the front desk", (await store.PatientAsync(patientId))!.ConfirmedHow);
    }

    [Fact]
    public async Task UnknownSpentAndExpiredLinksGetTheSamePageAndReadNothing()
    {
        var time = new FakeTimeProvider(Now);
        await using var portal = await ArrangeAsync(time);
        var (_, spentTokens) = await CampaignAsync(portal, CampaignKind.Cancellation, [Ava]);
        var (_, expiringTokens) = await CampaignAsync(portal, CampaignKind.Cancellation, [Ben], endsBy: Now.AddHours(1));
        Assert.True(await portal.Get<ICampaignStore>().SpendLinkAsync(spentTokens[0], Now));
        time.Advance(TimeSpan.FromHours(2));
        using var client = portal.Client();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var token in new[] { "a9Zk3unknownTokenOfTheRightLength00000000000", spentTokens[0], expiringTokens[0] })
        {
            using var response = await client.GetAsync($"/confirm/{token}");
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("This link does not work", answers[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Riverside", answers[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(await portal.Get<IAuditLog>().ListAsync(50), e => e.Actor == "patient link");
    }

    [Fact]
    public async Task TooManyLinkRequestsFromOneAddressGet429()
    {
        await using var portal = await ArrangeAsync(new FakeTimeProvider(Now), "--Portal:LinkRequestsPerAddressPerMinute=3");
        using var client = portal.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync($"/confirm/guess{i}");
            statuses.Add(response.StatusCode);
        }

        using var signIn = await client.GetAsync("/signin");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    private static FormUrlEncodedContent Form(string page, long? slot = null)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalHttpTests.HiddenToken(page) };
        if (slot is { } id)
        {
            fields["slot"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new FormUrlEncodedContent(fields);
    }

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider time, params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(time, settings);
        await portal.SeedPracticesAsync();
        return portal;
    }

    /// <summary>A running campaign of practice A with the patients given, each issued a link (in their order).</summary>
    private static async Task<(long CampaignId, IReadOnlyList<string> Tokens)> CampaignAsync(PortalUnderTest portal, CampaignKind kind, IReadOnlyList<CampaignPatient> patients, IReadOnlyList<DateTime>? slots = null, DateTimeOffset? endsBy = null)
    {
        var store = portal.Get<ICampaignStore>();
        var campaign = new Campaign
        {
            PracticeId = PracticeA,
            Title = "Dr. Lee away Friday",
            Kind = kind,
            Words = "Dr. Lee is away on Friday: your visit is cancelled.",
            CallbackNumber = "13125550100",
            TimeZone = "America/New_York",
            EndsBy = endsBy ?? Now.AddDays(3),
            CreatedBy = "sam",
            CreatedAt = Now.AddHours(-1),
        };
        var id = await store.CreateAsync(campaign, patients, slots ?? [], (slots ?? []).Select(_ => (string?)"Dr. Lee").ToList());
        Assert.True(await store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, Now));
        var tokens = new List<string>();
        foreach (var patient in (await store.PatientsAsync(id)).OrderBy(p => p.Patient.Line))
        {
            tokens.Add((await store.IssueLinkAsync(patient.Id, Now))!);
        }

        return (id, tokens);
    }
}
