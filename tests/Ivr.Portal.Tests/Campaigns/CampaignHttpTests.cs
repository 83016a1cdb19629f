using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Portal.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Campaigns;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the real host over HTTPS, no Asterisk): the campaign pages
/// and <c>/api/campaigns</c> under the portal's rules (a practice's admins and the supervisor), every read of patients
/// audited; the list upload refused with its lines and saved once fixed; start, pause, resume and cancel and their
/// refusals in words; the results export; AMD labels and the accuracy measured from them. The clock is fake and still:
/// 10:00 in New York on 1 December 2026.
/// </summary>
public sealed class CampaignHttpTests
{
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private const string CleanList = "name,phone,appointment\nAnn Smith,312 555 0100,2026-12-04 09:30\nBen Jones,(312) 555-0101,2026-12-04 10:00\n";

    [Fact]
    public async Task AnotherPracticesAdminIsRefusedTheSupervisorAllowedAndEveryReadAndRefusalIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA);
        var ofB = await SeedAsync(portal, PracticeB);
        using var ann = await SignedInAsync(portal, "ann");
        using var bob = await SignedInAsync(portal, "bob");
        using var sam = await SignedInAsync(portal, "sam");
        using var lee = await SignedInAsync(portal, "lee");

        var annList = await ann.GetFromJsonAsync<JsonElement>("/api/campaigns");
        var annOne = await ann.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");
        var annPage = WebUtility.HtmlDecode(await ann.GetStringAsync($"/campaigns/{id}"));
        var bobList = await bob.GetFromJsonAsync<JsonElement>("/api/campaigns");
        var bobRefused = new[]
        {
            await bob.GetAsync($"/api/campaigns/{id}"),
            await bob.GetAsync($"/campaigns/{id}"),
            await bob.GetAsync($"/campaigns/{id}/results.csv"),
            await bob.PostAsync($"/api/campaigns/{id}/start", null),
            await bob.PostAsync($"/api/campaigns/{id}/patients/1/confirm", null),
        };
        var samList = await sam.GetFromJsonAsync<JsonElement>("/api/campaigns");
        var samOne = await sam.GetAsync($"/api/campaigns/{id}");
        var leeList = await lee.GetAsync("/api/campaigns");
        var leePage = await lee.GetAsync("/campaigns");
        var leeMessages = await lee.GetStringAsync("/messages");
        var annIndex = await ann.GetStringAsync("/campaigns");

        Assert.Equal([id], annList.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal("Riverside Pediatrics", annOne.GetProperty("campaign").GetProperty("practiceName").GetString());
        Assert.Equal(2, annOne.GetProperty("patients").GetArrayLength());
        Assert.Equal("Ann Smith", annOne.GetProperty("patients")[0].GetProperty("name").GetString());
        Assert.Equal("+13125550100", annOne.GetProperty("patients")[0].GetProperty("phone").GetString());
        Assert.Equal("Hello. This is Riverside Pediatrics calling. Your appointment on Friday is cancelled. Please press 1 to confirm.", annOne.GetProperty("person").GetString());
        Assert.Contains("Please call us at 3 1 2, 5 5 5, 0 1 9 9", annOne.GetProperty("voicemail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ann Smith", annPage, StringComparison.Ordinal);
        Assert.Contains("id=\"preview-unavailable\"", annPage, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/assets/campaign.js\"></script>", annPage, StringComparison.Ordinal);
        Assert.Equal([ofB], bobList.GetProperty("campaigns").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        Assert.All(bobRefused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(2, samList.GetProperty("campaigns").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, samOne.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leeList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, leePage.StatusCode);
        Assert.DoesNotContain("href=\"/campaigns\"", leeMessages, StringComparison.Ordinal);
        Assert.Contains("href=\"/campaigns\"", annIndex, StringComparison.Ordinal);
        Assert.Contains("href=\"/campaigns/new\"", annIndex, StringComparison.Ordinal);
        Assert.Equal(CampaignState.Draft, (await portal.Get<ICampaignStore>().GetAsync(id))!.State);

        var audit = await portal.Get<IAuditLog>().ListAsync(200);
        var subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, audit.Count(e => e.Action == "campaign.view" && e.Actor == "portal:ann" && e.SubjectId == subject));
        Assert.Contains(audit, e => e.Action == "campaign.view" && e.Actor == "portal:sam" && e.Detail == $"2 patient(s), 0 attempt(s) of {PracticeA}");
        Assert.Equal(5, audit.Count(e => e.Action == "campaign.denied" && e.Actor == "portal:bob" && e.SubjectId == subject));
        Assert.Equal(2, audit.Count(e => e.Action == "campaign.denied" && e.Actor == "portal:lee"));
        Assert.DoesNotContain(audit, e => e.Detail.Contains("Smith", StringComparison.Ordinal) || e.Detail.Contains("5550100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUploadedListWithABadRowIsRefusedWithItsLineAndNothingSavedAndOnceFixedItIsSavedAsADraft()
    {
        await using var portal = await ArrangeAsync();
        using var ann = portal.Client(followRedirects: false);
        await SignInAsync(ann, "ann");
        var form = await ann.GetStringAsync("/campaigns/new");
        var bad = "name,phone,appointment\nAnn Smith,312 555 0100,2026-12-04 09:30\nBen Jones,555 01,2026-12-04 10:00\nCara Diaz,312 555 0102,\n";

        var refused = await ann.PostAsync("/campaigns/new", Multipart(form, file: ("patients.csv", bad)));
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var nothing = await portal.Get<ICampaignStore>().ListAsync(null);
        var fixedList = bad.Replace("555 01,", "312 555 0101,", StringComparison.Ordinal);
        var saved = await ann.PostAsync("/campaigns/new", Multipart(refusedPage, typed: fixedList, listName: "patients.csv"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Nothing was saved.", refusedPage, StringComparison.Ordinal);
        Assert.Contains("patients.csv:3: '555 01' is not", refusedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("patients.csv:2:", refusedPage, StringComparison.Ordinal);
        Assert.Contains("Ben Jones,555 01,2026-12-04 10:00", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"Dr. Rivera out Friday\"", refusedPage, StringComparison.Ordinal);
        Assert.Empty(nothing);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var campaign = Assert.Single(await portal.Get<ICampaignStore>().ListAsync(null));
        Assert.Equal($"/campaigns/{campaign.Id}?done=created", saved.Headers.Location!.OriginalString);
        Assert.Equal(CampaignState.Draft, campaign.State);
        Assert.Equal(PracticeA, campaign.PracticeId);
        Assert.Equal("America/New_York", campaign.TimeZone);
        Assert.Equal("3125550199", campaign.CallbackNumber);
        Assert.Equal(new TimeOnly(9, 0), campaign.Rules.WindowStart);
        Assert.Equal(1, campaign.Rules.MaxPerDay);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 5, 0, 0, TimeSpan.Zero), campaign.EndsBy);
        var patients = await portal.Get<ICampaignStore>().PatientsAsync(campaign.Id);
        Assert.Equal(["+13125550100", "+13125550101", "+13125550102"], patients.Select(p => p.Patient.Phone));
        Assert.All(patients, p => Assert.Equal(PatientProgress.Waiting, p.Progress));
        var page = WebUtility.HtmlDecode(await ann.GetStringAsync($"/campaigns/{campaign.Id}?done=created"));
        Assert.Contains("Saved as a draft", page, StringComparison.Ordinal);
        Assert.Contains("id=\"start\"", page, StringComparison.Ordinal);
        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "campaign.create" && e.Actor == "portal:ann" && e.Detail == $"draft of {PracticeA}: 3 patient(s), 0 slot(s)");
        Assert.DoesNotContain(audit, e => e.Detail.Contains("555 01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFormAndTheApiStartFromThePracticesOutboundRulesAndRefuseLooserOnesInWords()
    {
        await using var portal = await ArrangeAsync();
        var practices = portal.Get<IPracticeStore>();
        var riverside = (await practices.GetAsync(PracticeA))!;
        await practices.SaveAsync(riverside with
        {
            Outbound = new OutboundSettings
            {
                Rules = new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 2, MaxPerWeek = 5 },
                MaxChannels = 2,
                Retry = new RetryRules { MaxAttempts = 3, Waits = [TimeSpan.FromHours(2)] },
            },
        }, "test");
        using var ann = await SignedInAsync(portal, "ann");

        var form = WebUtility.HtmlDecode(await ann.GetStringAsync("/campaigns/new"));
        var taken = await ann.PostAsJsonAsync("/api/campaigns", Request(PracticeA));
        var looser = await ann.PostAsJsonAsync("/api/campaigns", new { practiceId = PracticeA, title = "Flu clinic", kind = "notice", words = "The flu clinic moved to Saturday.", callbackNumber = "3125550199", endsBy = "2026-12-10", list = CleanList, maxPerDay = "3", windowEnd = "21:00" });
        using var browser = portal.Client(followRedirects: false);
        await SignInAsync(browser, "ann");
        var page = await browser.GetStringAsync("/campaigns/new");
        using var wider = Multipart(page, typed: CleanList);
        wider.Add(new StringContent("21:00"), "Form.WindowEnd");
        var refused = WebUtility.HtmlDecode(await (await browser.PostAsync("/campaigns/new", wider)).Content.ReadAsStringAsync());

        Assert.Contains("id=\"window-start\" placeholder=\"09:00\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"window-end\" placeholder=\"20:00\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"max-day\" placeholder=\"2\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"max-channels\" placeholder=\"2\"", form, StringComparison.Ordinal);
        Assert.Contains("Riverside Pediatrics: calls 09:00-20:00 on the patient's clock, at most 2 a day and 5 a week to one number for one campaign, 2 at once; up to 3 calls to a patient, retried after 2h", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var campaign = (await portal.Get<ICampaignStore>().GetAsync(id))!;
        Assert.Equal(new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 2, MaxPerWeek = 5 }, campaign.Rules);
        Assert.Equal(2, campaign.MaxChannels);
        Assert.Equal(3, campaign.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromHours(2)], campaign.Retry.Waits);
        Assert.Equal(HttpStatusCode.BadRequest, looser.StatusCode);
        var errors = (await looser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["the calling window 09:00-21:00 is wider than the practice's 09:00-20:00"], errors);
        Assert.Contains("Nothing was saved.", refused, StringComparison.Ordinal);
        Assert.Contains("<li>the calling window 09:00-21:00 is wider than the practice's 09:00-20:00</li>", refused, StringComparison.Ordinal);
        Assert.Single(await portal.Get<ICampaignStore>().ListAsync(null));
    }

    [Fact]
    public async Task TheApiRefusesEveryWrongFieldAtOnceAndSavesARescheduleWithItsSlots()
    {
        await using var portal = await ArrangeAsync();
        using var ann = await SignedInAsync(portal, "ann");
        using var bob = await SignedInAsync(portal, "bob");

        var wrong = await ann.PostAsJsonAsync("/api/campaigns", new
        {
            practiceId = PracticeA,
            title = "",
            kind = "reschedule",
            words = new string('x', CampaignScript.MaxWords + 1),
            callbackNumber = "call us",
            endsBy = "2026-11-30",
            windowStart = "07:00",
            maxChannels = "9",
            list = CleanList,
            slots = "2026-12-07 09:30, Dr. Rivera\nnext tuesday\n2026-11-02 09:00\n2026-12-07 09:30, Dr. Rivera\n",
        });
        var otherPractice = await bob.PostAsJsonAsync("/api/campaigns", Request(PracticeA));
        var good = await ann.PostAsJsonAsync("/api/campaigns", new
        {
            practiceId = PracticeA,
            title = "Dr. Rivera's Friday moves",
            kind = "reschedule",
            words = "Dr. Rivera cannot see you on Friday. Press 3 to choose a new time.",
            callbackNumber = "312-555-0199",
            endsBy = "2026-12-10",
            list = CleanList,
            slots = "2026-12-07 09:30, Dr. Rivera\n\n2026-12-07 09:00\n",
        });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("the title is empty", errors);
        Assert.Contains(errors, e => e.StartsWith("the words patients hear are 601 characters", StringComparison.Ordinal));
        Assert.Contains("the callback number 'call us' is not a phone number (7 to 15 digits)", errors);
        Assert.Contains("the last day of calling 2026-11-30 is past", errors);
        Assert.Contains("the calling window 07:00-21:00 reaches outside 08:00-21:00 on the patient's clock", errors);
        Assert.Contains("9 calls at once is more than the practice's 4", errors);
        Assert.Contains("slots:2: 'next tuesday' is not a time written yyyy-MM-dd HH:mm", errors);
        Assert.Contains("slots:3: 2026-11-02 09:00 is past", errors);
        Assert.Contains("slots:4: the same slot as line 1", errors);
        Assert.Equal(HttpStatusCode.Forbidden, otherPractice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var id = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var slots = await portal.Get<ICampaignStore>().OpenSlotsAsync(id);
        Assert.Equal([new DateTime(2026, 12, 7, 9, 0, 0), new DateTime(2026, 12, 7, 9, 30, 0)], slots.Select(s => s.StartsAt));
        Assert.Equal([null, "Dr. Rivera"], slots.Select(s => s.Clinician));
        Assert.Single(await portal.Get<ICampaignStore>().ListAsync(null));
    }

    [Fact]
    public async Task StaffStartPauseResumeAndCancelAndAMoveTheStateDoesNotAllowIsRefusedInWordsEachAudited()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA);
        using var ann = await SignedInAsync(portal, "ann");
        var store = portal.Get<ICampaignStore>();

        var resumeDraft = await ann.PostAsync($"/api/campaigns/{id}/resume", null);
        var pauseDraft = await ann.PostAsync($"/api/campaigns/{id}/pause", null);
        var started = await ann.PostAsync($"/api/campaigns/{id}/start", null);
        var running = (await store.GetAsync(id))!;
        var startAgain = await ann.PostAsync($"/api/campaigns/{id}/start", null);
        var paused = await ann.PostAsync($"/api/campaigns/{id}/pause", null);
        var startPaused = await ann.PostAsync($"/api/campaigns/{id}/start", null);
        var resumed = await ann.PostAsync($"/api/campaigns/{id}/resume", null);
        var cancelled = await ann.PostAsync($"/api/campaigns/{id}/cancel", null);
        var pauseCancelled = await ann.PostAsync($"/api/campaigns/{id}/pause", null);
        var unknownVerb = await ann.PostAsync($"/api/campaigns/{id}/restart", null);

        Assert.Equal("a draft is started, not resumed", await RefusalAsync(resumeDraft));
        Assert.Equal("a campaign that is a draft cannot be paused", await RefusalAsync(pauseDraft));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(CampaignState.Running, running.State);
        Assert.Equal(Now, running.StartedAt);
        Assert.Equal("the campaign is running already", await RefusalAsync(startAgain));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("the campaign is paused: resume it", await RefusalAsync(startPaused));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("a campaign that is cancelled cannot be paused", await RefusalAsync(pauseCancelled));
        Assert.Equal(HttpStatusCode.NotFound, unknownVerb.StatusCode);
        Assert.Equal(CampaignState.Cancelled, (await store.GetAsync(id))!.State);

        var audit = (await portal.Get<IAuditLog>().ListAsync(100)).Where(e => e.Actor == "portal:ann" && e.Action != "campaign.view").OrderBy(e => e.At).ToList();
        Assert.Contains(audit, e => e.Action == "campaign.start" && e.Detail == "a draft to running");
        Assert.Contains(audit, e => e.Action == "campaign.pause" && e.Detail == "running to paused");
        Assert.Contains(audit, e => e.Action == "campaign.resume" && e.Detail == "paused to running");
        Assert.Contains(audit, e => e.Action == "campaign.cancel" && e.Detail == "running to cancelled");
        Assert.Contains(audit, e => e.Action == "campaign.pause" && e.Detail == "refused: a campaign that is cancelled cannot be paused");
        Assert.Equal(5, audit.Count(e => e.Detail.StartsWith("refused: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ThePagesButtonsStartTheCampaignAndARefusalIsShownOnThePage()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA);
        using var ann = portal.Client(followRedirects: false);
        await SignInAsync(ann, "ann");

        var page = await ann.GetStringAsync($"/campaigns/{id}");
        var start = await ann.PostAsync($"/campaigns/{id}?handler=Move", Form(page, ("verb", "start")));
        var after = WebUtility.HtmlDecode(await ann.GetStringAsync(start.Headers.Location!.OriginalString));
        var again = await ann.PostAsync($"/campaigns/{id}?handler=Move", Form(page, ("verb", "start")));
        var refusedPage = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());

        Assert.Contains("id=\"start\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/campaigns/{id}?done=start", start.Headers.Location!.OriginalString);
        Assert.Contains("Started: patients are called", after, StringComparison.Ordinal);
        Assert.Contains("id=\"pause\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"start\"", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("the campaign is running already", refusedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheResultsExportHasEveryPatientWithTheirLastCallAndConfirmationAndIsAudited()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA);
        using var ann = await SignedInAsync(portal, "ann");
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync($"/api/campaigns/{id}/start", null)).StatusCode);
        var patients = await portal.Get<ICampaignStore>().PatientsAsync(id);
        await CallAsync(portal, patients[0].Id, "HUMAN", "HUMAN-5000-2000", AttemptResult.Confirmed);
        var marked = await ann.PostAsync($"/api/campaigns/{id}/patients/{patients[1].Id}/confirm", null);
        var twice = await ann.PostAsync($"/api/campaigns/{id}/patients/{patients[1].Id}/confirm", null);
        var notOfIt = await ann.PostAsync($"/api/campaigns/{id}/patients/999999/confirm", null);

        var export = await ann.GetAsync($"/campaigns/{id}/results.csv");
        var csv = await export.Content.ReadAsStringAsync();
        var json = await ann.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notOfIt.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"campaign-{id}-results.csv", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1 ? csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries) : csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,patient,phone,email,appointment,clinician,progress,attempts,last_result,last_call_at,confirmed_how,confirmed_at,slot,slot_clinician", lines[0]);
        Assert.Equal(3, lines.Length);
        // A leading + is a formula to a spreadsheet: the number is escaped as text.
        Assert.StartsWith("2,Ann Smith,\"'+13125550100\",,2026-12-04 09:30,,confirmed,1,confirmed,2026-12-01 10:00,", lines[1], StringComparison.Ordinal);
        Assert.Equal("3,Ben Jones,\"'+13125550101\",,2026-12-04 10:00,,confirmed,0,,,staff (ann): reached at the front desk,2026-12-01 10:00,,", lines[2]);
        var counts = json.GetProperty("campaign").GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("confirmed").GetInt32());
        Assert.Equal(2, counts.GetProperty("done").GetInt32());
        Assert.Equal(1, counts.GetProperty("attempts").GetInt32());
        var first = json.GetProperty("patients")[0].GetProperty("attempts")[0];
        Assert.Equal("confirmed", first.GetProperty("result").GetString());
        Assert.Equal("HUMAN", first.GetProperty("amdStatus").GetString());
        Assert.Equal("HUMAN-5000-2000", first.GetProperty("amdCause").GetString());
        Assert.Equal("none", first.GetProperty("rule").GetString());
        Assert.False(json.GetProperty("patients")[1].GetProperty("canMarkConfirmed").GetBoolean());

        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "campaign.export" && e.Actor == "portal:ann" && e.Detail == $"2 patient(s), 1 attempt(s) of {PracticeA}");
        Assert.Contains(audit, e => e.Action == "campaign.confirm" && e.Detail == $"patient {patients[1].Id} marked confirmed: reached at the front desk");
    }

    [Fact]
    public async Task StaffLabelAmdResultsRightOrWrongAndTheReportMeasuresAccuracyByStatus()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA, patients: 4);
        using var ann = await SignedInAsync(portal, "ann");
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync($"/api/campaigns/{id}/start", null)).StatusCode);
        var patients = await portal.Get<ICampaignStore>().PatientsAsync(id);
        var human = await CallAsync(portal, patients[0].Id, "HUMAN", "HUMAN-5000-2000", AttemptResult.Confirmed);
        var machine = await CallAsync(portal, patients[1].Id, "MACHINE", "LONGGREETING-1600-1500", AttemptResult.VoicemailLeft);
        var tookForMachine = await CallAsync(portal, patients[2].Id, "MACHINE", "INITIALSILENCE-2500-2500", AttemptResult.VoicemailLeft);
        var noAmd = await CallAsync(portal, patients[3].Id, null, null, AttemptResult.NoAnswer);

        var before = await ann.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");
        var right1 = await Label(ann, id, human, "right");
        var right2 = await Label(ann, id, machine, "right");
        var wrong = await Label(ann, id, tookForMachine, "wrong");
        var unlabelable = await Label(ann, id, noAmd, "right");
        var nonsense = await Label(ann, id, human, "maybe");
        var after = await ann.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");
        var page = WebUtility.HtmlDecode(await ann.GetStringAsync($"/campaigns/{id}"));

        Assert.Equal(0, before.GetProperty("amd").GetProperty("labelled").GetInt32());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("amd").GetProperty("share").ValueKind);
        Assert.Equal(3, before.GetProperty("amd").GetProperty("withAmd").GetInt32());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [right1.StatusCode, right2.StatusCode, wrong.StatusCode]);
        Assert.Equal("this call has no AMD result to label", await RefusalAsync(unlabelable));
        Assert.Equal("an AMD label is 'right' or 'wrong', not 'maybe'", await RefusalAsync(nonsense));
        var amd = after.GetProperty("amd");
        Assert.Equal(3, amd.GetProperty("labelled").GetInt32());
        Assert.Equal(2, amd.GetProperty("right").GetInt32());
        Assert.Equal(1, amd.GetProperty("wrong").GetInt32());
        Assert.Equal(2.0 / 3, amd.GetProperty("share").GetDouble(), 6);
        var byStatus = amd.GetProperty("byStatus").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!);
        Assert.Equal(["HUMAN", "MACHINE"], byStatus.Keys);
        Assert.Equal(1.0, byStatus["HUMAN"].GetProperty("share").GetDouble());
        Assert.Equal(2, byStatus["MACHINE"].GetProperty("attempts").GetInt32());
        Assert.Equal(1, byStatus["MACHINE"].GetProperty("wrong").GetInt32());
        Assert.Equal(0.5, byStatus["MACHINE"].GetProperty("share").GetDouble());
        Assert.Equal("wrong", after.GetProperty("patients")[2].GetProperty("attempts")[0].GetProperty("amdLabel").GetString());
        Assert.Contains("AMD was right on <strong id=\"amd-right\">2</strong> of <strong id=\"amd-labelled\">3</strong> labelled call(s): <strong id=\"amd-share\">67 %</strong>", page, StringComparison.Ordinal);
        Assert.Contains("labelled: AMD was wrong", page, StringComparison.Ordinal);
        Assert.Equal(1, after.GetProperty("campaign").GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(2, after.GetProperty("campaign").GetProperty("counts").GetProperty("voicemailLeft").GetInt32());
        Assert.Equal(1, after.GetProperty("campaign").GetProperty("counts").GetProperty("trying").GetInt32());
        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "campaign.amd-label" && e.Detail == $"attempt {tookForMachine} (MACHINE): AMD was wrong");
        Assert.Equal(3, audit.Count(e => e.Action == "campaign.amd-label"));
    }

    [Fact]
    public async Task TheStreamSendsTheCampaignAsItProgressesIsAuditedOnceAndDoesNotRenewTheSession()
    {
        var time = new FakeTimeProvider(Now);
        await using var portal = await ArrangeAsync(time);
        var id = await SeedAsync(portal, PracticeA);
        using var ann = await SignedInAsync(portal, "ann");
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync($"/api/campaigns/{id}/start", null)).StatusCode);
        var patients = await portal.Get<ICampaignStore>().PatientsAsync(id);
        // Past half the (default, 15 minute) timeout any other request would renew the cookie (sliding expiration).
        time.Advance(TimeSpan.FromMinutes(10));

        using var response = await ann.GetAsync($"/api/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextProgressAsync(events, time);
        await CallAsync(portal, patients[0].Id, "HUMAN", "HUMAN-5000-2000", AttemptResult.Confirmed);
        var second = await NextProgressAsync(events, time);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the stream renewed the session cookie");
        Assert.Equal(0, first.GetProperty("campaign").GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal("running", first.GetProperty("campaign").GetProperty("state").GetString());
        Assert.Equal(1, second.GetProperty("campaign").GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal("confirmed", second.GetProperty("patients")[0].GetProperty("progress").GetString());
        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Single(audit, e => e.Action == "campaign.stream" && e.Actor == "portal:ann");
        using var bob = await SignedInAsync(portal, "bob");
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/api/campaigns/{id}/events", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }

    [Fact]
    public async Task ThePreviewIsTheCampaignsWordsSpokenByTheServicesSpeechForThoseWhoMayRunIt()
    {
        var speech = new RecordingSpeech();
        await using var portal = await ArrangeAsync(new FakeTimeProvider(Now), services => services.AddSingleton<ICampaignSpeech>(speech));
        var id = await SeedAsync(portal, PracticeA);
        using var ann = await SignedInAsync(portal, "ann");
        using var bob = await SignedInAsync(portal, "bob");

        var person = await ann.GetAsync($"/campaigns/{id}/person.wav");
        var voicemail = await ann.GetAsync($"/campaigns/{id}/voicemail.wav");
        var page = await ann.GetStringAsync($"/campaigns/{id}");
        var refused = await bob.GetAsync($"/campaigns/{id}/person.wav");

        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Equal("audio/wav", person.Content.Headers.ContentType!.MediaType);
        Assert.Equal(RecordingSpeech.Wav, await person.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, voicemail.StatusCode);
        Assert.Equal(
            ["Hello. This is Riverside Pediatrics calling. Your appointment on Friday is cancelled. Please press 1 to confirm.",
             "Hello. This is Riverside Pediatrics calling about your appointment, which has changed. Please call us at 3 1 2, 5 5 5, 0 1 9 9. Again, that is 3 1 2, 5 5 5, 0 1 9 9. Thank you."],
            speech.Texts);
        Assert.Contains($"src=\"/campaigns/{id}/person.wav\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("preview-unavailable", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(2, speech.Texts.Count);
    }

    [Fact]
    public async Task WithoutTheServicesSpeechThePreviewIsUnavailable()
    {
        await using var portal = await ArrangeAsync();
        var id = await SeedAsync(portal, PracticeA);
        using var ann = await SignedInAsync(portal, "ann");

        var json = await ann.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}");
        var wav = await ann.GetAsync($"/campaigns/{id}/person.wav");

        Assert.False(json.GetProperty("previewAvailable").GetBoolean());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, wav.StatusCode);
    }

    /// <summary>The portal with speech that cannot be made here (as where the service has no sounds folder).</summary>
    private static Task<PortalUnderTest> ArrangeAsync() => ArrangeAsync(new FakeTimeProvider(Now), services =>
    {
        services.RemoveAll<ICampaignSpeech>();
        services.AddSingleton<ICampaignSpeech>(new RecordingSpeech { Available = false });
    });

    private static async Task<PortalUnderTest> ArrangeAsync(FakeTimeProvider time, Action<IServiceCollection>? configure = null)
    {
        var portal = await PortalUnderTest.StartAsync(time, configure);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("bob", Password, PortalRole.PracticeAdmin, PracticeB);
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static object Request(string practiceId) => new
    {
        practiceId,
        title = "Dr. Rivera out Friday",
        kind = "cancellation",
        words = "Your appointment on Friday is cancelled. Please press 1 to confirm.",
        callbackNumber = "3125550199",
        endsBy = "2026-12-10",
        list = CleanList,
    };

    /// <summary>A draft campaign of <paramref name="practiceId"/> saved straight to the store, with <paramref name="patients"/> patients (Ann Smith first).</summary>
    private static async Task<long> SeedAsync(PortalUnderTest portal, string practiceId, int patients = 2)
    {
        var practice = (await portal.Get<Ivr.Domain.Practices.IPracticeStore>().GetAsync(practiceId))!;
        var list = new[] { "Ann Smith", "Ben Jones", "Cara Diaz", "Dan Wu" }.Take(patients)
            .Select((name, i) => new CampaignPatient(i + 2, name, $"+1312555010{i}", null, new DateTime(2026, 12, 4, 9, 30, 0).AddMinutes(30 * i), null))
            .ToList();
        var campaign = new Campaign
        {
            PracticeId = practiceId,
            Title = "Dr. Rivera out Friday",
            Words = "Your appointment on Friday is cancelled. Please press 1 to confirm.",
            CallbackNumber = "3125550199",
            TimeZone = practice.TimeZone,
            EndsBy = Now.AddDays(9),
            CreatedBy = "test",
            CreatedAt = Now,
        };
        return await portal.Get<ICampaignStore>().CreateAsync(campaign, list, [], []);
    }

    /// <summary>One call to the patient as the dialler makes it: claimed, started under the policy's "call now", AMD's result kept, finished.</summary>
    private static async Task<long> CallAsync(PortalUnderTest portal, long patientId, string? amdStatus, string? amdCause, AttemptResult result)
    {
        var store = portal.Get<ICampaignStore>();
        Assert.True(await store.ClaimAsync(patientId, "test-dialler", Now, Now.AddMinutes(5)));
        var attempt = await store.StartAttemptAsync(patientId, Now, CallingDecision.Now("inside the calling window"));
        if (amdStatus is not null)
        {
            await store.SetAmdAsync(attempt, amdStatus, amdCause!);
        }

        var next = CampaignProgress.After(result, 1, RetryRules.Default, Now.AddMinutes(1));
        Assert.True(await store.FinishAttemptAsync(attempt, result, "test call", Now.AddMinutes(1), next));
        return attempt;
    }

    /// <summary>
    /// The next <c>progress</c> event's campaign, moving the clock on by the stream's poll until it comes (the real-time
    /// bound only waits for the server to answer a step).
    /// </summary>
    private static async Task<JsonElement> NextProgressAsync(StreamReader events, FakeTimeProvider time)
    {
        var read = events.ReadLineAsync();
        for (var steps = 0; steps < 20; steps++)
        {
            try
            {
                while (true)
                {
                    var line = await read.WaitAsync(TimeSpan.FromSeconds(1));
                    Assert.NotNull(line);
                    read = events.ReadLineAsync();
                    if (line == "event: progress")
                    {
                        var data = await read.WaitAsync(TimeSpan.FromSeconds(10));
                        Assert.StartsWith("data: ", data);
                        return JsonDocument.Parse(data!["data: ".Length..]).RootElement.Clone();
                    }
                }
            }
            catch (TimeoutException)
            {
                time.Advance(CampaignApi.Poll);
            }
        }

        Assert.Fail("no progress event after 20 polls");
        return default;
    }

    private static Task<HttpResponseMessage> Label(HttpClient client, long id, long attempt, string label) =>
        client.PostAsJsonAsync($"/api/campaigns/{id}/attempts/{attempt}/amd", new { label });

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray()).GetString()!;
    }

    /// <summary>The new campaign's form as staff fill it: the list as an uploaded file, or typed.</summary>
    private static MultipartFormDataContent Multipart(string page, (string Name, string Text)? file = null, string? typed = null, string? listName = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(PortalHttpTests.HiddenToken(page)), "__RequestVerificationToken" },
            { new StringContent(PracticeA), "Form.PracticeId" },
            { new StringContent("Dr. Rivera out Friday"), "Form.Title" },
            { new StringContent("cancellation"), "Form.Kind" },
            { new StringContent("Your appointment on Friday is cancelled. Please press 1 to confirm."), "Form.Words" },
            { new StringContent("(312) 555-0199"), "Form.CallbackNumber" },
            { new StringContent("2026-12-10"), "Form.EndsBy" },
            { new StringContent("09:00"), "Form.WindowStart" },
            { new StringContent("1"), "Form.MaxPerDay" },
            { new StringContent(typed ?? string.Empty), "Form.List" },
            { new StringContent(listName ?? string.Empty), "Form.ListName" },
        };
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(f.Text));
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            content.Add(bytes, "ListFile", f.Name);
        }

        return content;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", PortalHttpTests.HiddenToken(page))));

    private static async Task<HttpClient> SignedInAsync(PortalUnderTest portal, string username)
    {
        var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, username));
        return client;
    }

    /// <summary>The service's speech as a fake: a fixed WAV, and the texts it was asked to say.</summary>
    private sealed class RecordingSpeech : ICampaignSpeech
    {
        public static readonly byte[] Wav = "RIFF-test-wav"u8.ToArray();

        public List<string> Texts { get; } = [];

        public bool Available { get; init; } = true;

        public Task<CampaignPrompts> RenderAsync(Campaign campaign, string practiceName, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CampaignPrompts("campaign-person", "campaign-voicemail"));

        public Task<byte[]> PreviewAsync(string text, CancellationToken cancellationToken = default)
        {
            Texts.Add(text);
            return Task.FromResult(Wav);
        }
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
