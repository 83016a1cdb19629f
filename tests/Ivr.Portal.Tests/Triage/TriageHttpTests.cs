using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Data.Triage;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Testing;
using Ivr.Testing.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Portal.Tests.Triage;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS with an in-memory desk and the example protocols, no
/// browser, no Asterisk): <c>/api/triage</c> under the portal's rules, its flow, the message and review flag it
/// leaves, and an audit that names the nurse and never the patient.
/// </summary>
public sealed class TriageHttpTests
{
    private const string Password = "correct horse battery";

    private static readonly object Patient = new
    {
        callerName = "Ann Smith",
        patientName = "Max Smith",
        dateOfBirth = "2019-05-04",
        callbackNumber = "(555) 201-3344",
        callbackReadBack = true,
    };

    [Fact]
    public async Task ANurseWorksTheFeverProtocolToTheEmergencyDepartmentAndFinishingSavesAnUrgentMessageSayingTheDispositionFirst()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        using var nurse = await NurseAsync(portal, "garcia");

        var found = await nurse.GetFromJsonAsync<JsonElement>("/api/triage/protocols?q=temp");
        var before = await nurse.GetFromJsonAsync<JsonElement>("/api/triage");
        var used = await Step(nurse, "protocol", new { protocolId = "fever-child" });
        var first = await Step(nurse, "answer", new { yes = false });
        var reached = await Step(nurse, "answer", new { yes = true });
        var reloaded = await nurse.GetFromJsonAsync<JsonElement>("/api/triage");
        var tooMany = await nurse.PostAsJsonAsync("/api/triage/answer", new { yes = true });
        await Step(nurse, "note", new { note = "mother calm, child 7 weeks" });
        var incomplete = await nurse.PostAsJsonAsync("/api/triage/finish", new { callerName = "Ann Smith" });
        var finished = await Step(nurse, "finish", Patient);
        var again = await Step(nurse, "finish", Patient);

        var protocol = Assert.Single(found.GetProperty("protocols").EnumerateArray());
        Assert.Equal("fever-child", protocol.GetProperty("id").GetString());
        Assert.True(protocol.GetProperty("example").GetBoolean());
        Assert.False(before.GetProperty("started").GetBoolean());
        Assert.Equal("Riverside Pediatrics", before.GetProperty("card").GetProperty("practiceName").GetString());
        Assert.Equal(call, before.GetProperty("callRecordId").GetInt64());
        Assert.Equal(1, used.GetProperty("current").GetProperty("question").GetProperty("number").GetInt32());
        Assert.Equal(7, used.GetProperty("current").GetProperty("question").GetProperty("of").GetInt32());
        Assert.True(used.GetProperty("current").GetProperty("example").GetBoolean());
        Assert.Equal("under-12-weeks", first.GetProperty("current").GetProperty("question").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, reached.GetProperty("current").GetProperty("question").ValueKind);
        Assert.Equal("ed-now", reached.GetProperty("current").GetProperty("reached").GetProperty("code").GetString());
        Assert.Equal("urgent", reached.GetProperty("computed").GetProperty("urgency").GetString());
        Assert.Contains("emergency department", reached.GetProperty("current").GetProperty("careAdvice").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(reached.GetProperty("protocols").ToString(), reloaded.GetProperty("protocols").ToString());
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Contains("has reached its disposition", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal((HttpStatusCode)422, incomplete.StatusCode);
        var errors = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("patientName", out _));
        Assert.False(errors.TryGetProperty("callerName", out _));

        var done = finished.GetProperty("finished");
        Assert.Equal("urgent", done.GetProperty("urgency").GetString());
        Assert.False(done.GetProperty("needsPhysicianReview").GetBoolean());
        Assert.Equal(done.GetProperty("triageId").GetInt64(), again.GetProperty("finished").GetProperty("triageId").GetInt64());
        var message = (await portal.Get<IMessageStore>().GetAsync(done.GetProperty("messageId").GetInt64()))!;
        Assert.Equal(Urgency.Urgent, message.Urgency);
        Assert.Equal(call, message.CallId);
        Assert.Equal("triage: emergency department now, fever in a child, nurse garcia", message.Typed!.Reason);
        Assert.True(message.Typed.IsTriage);
        Assert.Equal("Max Smith", message.Typed.PatientName);
        Assert.Equal("5552013344", message.CallbackNumber);
        Assert.Contains("Nurse's note: mother calm, child 7 weeks", message.Typed.Notes);
        var kept = (await portal.Get<ITriageRecordStore>().GetAsync(done.GetProperty("triageId").GetInt64()))!;
        Assert.Equal(message.Id, kept.MessageId);
        Assert.Equal(Disposition.EmergencyDepartmentNow, kept.Pathway.Final);
        Assert.Equal("garcia", kept.Pathway.Nurse);
        Assert.Equal(["breathing-or-unresponsive", "under-12-weeks"], kept.Pathway.Protocols.Single().Answers.Select(a => a.QuestionId));

        var audit = (await portal.Get<IAuditLog>().ListAsync(100)).Where(e => e.Action.StartsWith("triage.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["triage.view", "triage.protocol", "triage.answer", "triage.answer", "triage.view", "triage.answer", "triage.note", "triage.finish", "triage.finish", "triage.finish"],
            audit.OrderBy(e => e.At).Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("portal:garcia", e.Actor));
        Assert.All(audit, e => Assert.Equal(call.ToString(System.Globalization.CultureInfo.InvariantCulture), e.SubjectId));
        foreach (var secret in new[] { "fever", "Smith", "2013344", "mother", "emergency", "12 weeks" })
        {
            Assert.DoesNotContain(audit, e => e.Detail.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task ANurseLandsAtTheDeskWhoseCallLinksToTheTriageScreenWhichOperatorsDoNotSee()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await OnDeskCallAsync(portal, board, "garcia");
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        await OnDeskCallAsync(portal, board, "sam");
        using var nurse = portal.Client(followRedirects: false);
        using var sam = portal.Client();
        await SignInAsync(nurse, "garcia");
        await SignInAsync(sam, "sam");

        var home = await nurse.GetAsync("/");
        var desk = await nurse.GetStringAsync("/desk");
        var screen = await nurse.GetStringAsync("/triage");
        var operatorsDesk = await sam.GetStringAsync("/desk");

        Assert.Equal("/desk", home.Headers.Location!.OriginalString);
        Assert.Contains("id=\"desk-triage\" href=\"/triage\"", desk);
        Assert.Contains("href=\"/triage\"", desk);
        Assert.Contains("<script type=\"module\" src=\"/assets/triage.js\"></script>", screen);
        Assert.Contains("<kbd>Alt+Shift+Y</kbd>", WebUtility.HtmlDecode(screen));
        Assert.Contains("value=\"ed-now\"", screen);
        Assert.DoesNotContain("desk-triage", operatorsDesk);
        Assert.DoesNotContain("href=\"/triage\"", operatorsDesk);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/assets/triage.js")).StatusCode);
    }

    [Fact]
    public async Task OtherRolesGet403EachAuditedANurseCannotOpenAnotherCallAndTheSupervisorNamesAnyCall()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        var other = await CallRecordAsync(portal);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PortalUnderTest.PracticeA, "dr-lee");
        await portal.AddUserAsync("tom", Password, PortalRole.TelecomAdmin);
        await portal.AddUserAsync("sue", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("kim", Password, PortalRole.Nurse);
        using var garcia = await NurseAsync(portal, "garcia");
        using var kim = await NurseAsync(portal, "kim");
        using var sue = await NurseAsync(portal, "sue");

        foreach (var name in new[] { "sam", "lee", "tom" })
        {
            using var client = await NurseAsync(portal, name);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/triage?call={call}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/triage/protocols?q=fever")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/triage/protocol", new { callRecordId = call, protocolId = "fever-child" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/triage?call={call}")).StatusCode);
        }

        var notHers = await garcia.GetAsync($"/api/triage?call={other}");
        var noCall = await kim.GetAsync("/api/triage");
        var supervisor = await sue.PostAsJsonAsync("/api/triage/protocol", new { callRecordId = other, protocolId = "sore-throat-adult" });
        var unknown = await sue.GetAsync("/api/triage?call=999999");
        var unknownProtocol = await garcia.PostAsJsonAsync("/api/triage/protocol", new { protocolId = "no-such-thing" });

        Assert.Equal(HttpStatusCode.Forbidden, notHers.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, supervisor.StatusCode);
        Assert.Equal("sore-throat-adult", (await supervisor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unknownProtocol.StatusCode);
        var denied = (await portal.Get<IAuditLog>().ListAsync(200)).Where(e => e.Action == "triage.denied").ToList();
        foreach (var name in new[] { "sam", "lee", "tom" })
        {
            Assert.Equal(4, denied.Count(e => e.Actor == "portal:" + name));
        }

        Assert.Contains(denied, e => e.Actor == "portal:garcia" && e.Detail == "refused view: not the nurse's call");
    }

    [Fact]
    public async Task StepsNeedTheAntiforgeryHeaderAndChangeNothingWithoutIt()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await OnDeskCallAsync(portal, board, "garcia");
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        using var client = portal.Client();
        var token = await SignInAsync(client, "garcia");

        var without = await client.PostAsJsonAsync("/api/triage/protocol", new { protocolId = "fever-child" });
        var state = await client.GetFromJsonAsync<JsonElement>("/api/triage");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var with = await client.PostAsJsonAsync("/api/triage/protocol", new { protocolId = "fever-child" });

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.False(state.GetProperty("started").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task ADowngradeNeedsAReasonIsRoutineWhenItsFinalIsAndLandsOnThePhysiciansReviewList()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        using var nurse = await NurseAsync(portal, "garcia");
        await Step(nurse, "protocol", new { protocolId = "fever-child" });
        for (var i = 0; i < 4; i++)
        {
            await Step(nurse, "answer", new { yes = false });
        }

        var seeToday = await Step(nurse, "answer", new { yes = true });
        var noReason = await nurse.PostAsJsonAsync("/api/triage/override", new { disposition = "within-24-hours", reason = " " });
        var same = await nurse.PostAsJsonAsync("/api/triage/override", new { disposition = "see-today", reason = "why not" });
        var notARung = await nurse.PostAsJsonAsync("/api/triage/override", new { disposition = "tomorrow", reason = "why not" });
        var up = await Step(nurse, "override", new { disposition = "ed-now", reason = "looks floppy on video" });
        var down = await Step(nurse, "override", new { disposition = "within-24-hours", reason = "drinking well now, wet nappy an hour ago" });
        var frozen = await nurse.PostAsJsonAsync("/api/triage/back", new { });
        var finished = await Step(nurse, "finish", Patient);

        Assert.Equal("see-today", seeToday.GetProperty("computed").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Contains("physician", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notARung.StatusCode);
        Assert.Equal("up", up.GetProperty("override").GetProperty("direction").GetString());
        Assert.Equal("ed-now", up.GetProperty("final").GetProperty("code").GetString());
        Assert.Equal("down", down.GetProperty("override").GetProperty("direction").GetString());
        Assert.True(down.GetProperty("override").GetProperty("needsPhysicianReview").GetBoolean());
        Assert.Equal("see-today", down.GetProperty("override").GetProperty("from").GetString());
        Assert.Equal("routine", down.GetProperty("final").GetProperty("urgency").GetString());
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);

        var done = finished.GetProperty("finished");
        Assert.Equal("routine", done.GetProperty("urgency").GetString());
        Assert.True(done.GetProperty("needsPhysicianReview").GetBoolean());
        var message = (await portal.Get<IMessageStore>().GetAsync(done.GetProperty("messageId").GetInt64()))!;
        Assert.Equal(Urgency.Routine, message.Urgency);
        Assert.Equal("triage: see within 24 hours, fever in a child, nurse garcia; downgraded from see today: for the on-call physician's review", message.Typed!.Reason);
        var review = Assert.Single(await portal.Get<ITriageRecordStore>().AwaitingReviewAsync(PortalUnderTest.PracticeA));
        Assert.Equal(done.GetProperty("triageId").GetInt64(), review.Id);
        Assert.Equal(call, review.CallRecordId);
        var audit = await portal.Get<IAuditLog>().ListAsync(100);
        Assert.Contains(audit, e => e.Action == "triage.override" && e.Detail == "overridden down (physician review)");
        Assert.DoesNotContain(audit, e => e.Detail.Contains("nappy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUpgradeToSeeTodayIsUrgentAndTheCallKeepsTheOperatorsMessageBesideTheTriages()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        var operatorForm = new DeskMessageForm("Ann Smith", "Max Smith", "2019-05-04", "5552013344", true, "fever since yesterday", Urgency.Routine, string.Empty);
        var (operatorMessage, _) = await portal.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(operatorForm, call, PortalUnderTest.PracticeA, null, "sam", DateTimeOffset.UtcNow)));
        using var nurse = await NurseAsync(portal, "garcia");
        await Step(nurse, "protocol", new { protocolId = "fever-child" });
        for (var i = 0; i < 7; i++)
        {
            await Step(nurse, "answer", new { yes = false });
        }

        var homeCare = await nurse.GetFromJsonAsync<JsonElement>("/api/triage");
        await Step(nurse, "override", new { disposition = "see-today", reason = "mother very worried" });
        var finished = await Step(nurse, "finish", Patient);

        Assert.Equal("home-care", homeCare.GetProperty("computed").GetProperty("code").GetString());
        Assert.Equal("routine", homeCare.GetProperty("computed").GetProperty("urgency").GetString());
        var done = finished.GetProperty("finished");
        Assert.Equal("urgent", done.GetProperty("urgency").GetString());
        Assert.False(done.GetProperty("needsPhysicianReview").GetBoolean());
        var onCall = await portal.Get<IMessageStore>().ForCallAsync(call);
        Assert.Equal(2, onCall.Count);
        Assert.Contains(onCall, m => m.Id == operatorMessage && m.Typed is { IsTriage: false });
        Assert.Contains(onCall, m => m.Typed is { IsTriage: true, Reason: "triage: see today, fever in a child, nurse garcia; raised from home care" } && m.Urgency == Urgency.Urgent);
        Assert.Empty(await portal.Get<ITriageRecordStore>().AwaitingReviewAsync(PortalUnderTest.PracticeA));
    }

    [Fact]
    public async Task AfterReleasingTheCallTheNurseStillFinishesTheTriageSheStarted()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        using var nurse = await NurseAsync(portal, "garcia");
        await Step(nurse, "protocol", new { protocolId = "fever-child" });
        await Step(nurse, "answer", new { yes = true });

        await nurse.PostAsync("/api/desk/release", null);
        var withoutCall = await nurse.GetAsync("/api/triage");
        var named = await nurse.GetFromJsonAsync<JsonElement>($"/api/triage?call={call}");
        var finished = await Step(nurse, "finish", new { callRecordId = call, callerName = "Ann Smith", patientName = "Max Smith", dateOfBirth = "2019-05-04", callbackNumber = "5552013344", callbackReadBack = true });

        Assert.Equal(HttpStatusCode.Conflict, withoutCall.StatusCode);
        Assert.Equal(JsonValueKind.Null, named.GetProperty("card").ValueKind);
        Assert.Equal("call-911-now", named.GetProperty("computed").GetProperty("code").GetString());
        Assert.Equal("urgent", finished.GetProperty("finished").GetProperty("urgency").GetString());
    }

    [Fact]
    public async Task ThePracticesOwnActionsDecideTheMessageAndItsAppointmentRequestShowsInTheInboxThePageAndTheApi()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        var practices = portal.Get<IPracticeStore>();
        var riverside = (await practices.GetAsync(PortalUnderTest.PracticeA))!;
        await practices.SaveAsync(riverside with
        {
            Triage = new TriageSettings { Actions = new Dictionary<Disposition, TriageActions> { [Disposition.HomeCare] = TriageActions.UrgentMessage | TriageActions.AppointmentRequest } },
        }, "test");
        await portal.AddUserAsync("admin", Password, PortalRole.PracticeAdmin, PortalUnderTest.PracticeA);
        var call = await OnDeskCallAsync(portal, board, "garcia");
        using var nurse = await NurseAsync(portal, "garcia");
        await Step(nurse, "protocol", new { protocolId = "fever-child" });
        for (var i = 0; i < 7; i++)
        {
            await Step(nurse, "answer", new { yes = false });
        }

        var beforeFinish = await nurse.GetFromJsonAsync<JsonElement>("/api/triage");
        var finished = await Step(nurse, "finish", Patient);
        using var admin = portal.Client();
        admin.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(admin, "admin"));
        var messageId = finished.GetProperty("finished").GetProperty("messageId").GetInt64();
        var inbox = await admin.GetStringAsync("/messages");
        var page = await admin.GetStringAsync($"/messages/{messageId}");
        var json = await admin.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}");
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/messages");

        Assert.Equal("urgent", beforeFinish.GetProperty("final").GetProperty("urgency").GetString());
        Assert.Equal(["urgent-message", "appointment-request"], beforeFinish.GetProperty("final").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("urgent", finished.GetProperty("finished").GetProperty("urgency").GetString());
        Assert.Equal("home-care", finished.GetProperty("finished").GetProperty("final").GetProperty("code").GetString());
        var saved = Assert.Single(await portal.Get<IMessageStore>().ForCallAsync(call));
        Assert.Equal(Urgency.Urgent, saved.Urgency);
        Assert.Equal(Disposition.HomeCare, saved.Appointment!.Window);
        Assert.Contains("Appointment request: routine (home care)", inbox, StringComparison.Ordinal);
        Assert.Contains("id=\"appointment-badge\"", page, StringComparison.Ordinal);
        Assert.Contains("Appointment requested: routine (home care)", page, StringComparison.Ordinal);
        Assert.Equal("home-care", json.GetProperty("appointment").GetProperty("window").GetString());
        Assert.Equal("routine (home care)", json.GetProperty("appointment").GetProperty("words").GetString());
        var item = Assert.Single(listed.EnumerateArray(), m => m.GetProperty("id").GetInt64() == messageId);
        Assert.Equal("home-care", item.GetProperty("appointment").GetProperty("window").GetString());
    }

    [Fact]
    public async Task AMessageWithoutAnAppointmentRequestShowsNoBadge()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await portal.AddUserAsync("admin", Password, PortalRole.PracticeAdmin, PortalUnderTest.PracticeA);
        await OnDeskCallAsync(portal, board, "garcia");
        using var nurse = await NurseAsync(portal, "garcia");
        await Step(nurse, "protocol", new { protocolId = "fever-child" });
        for (var i = 0; i < 7; i++)
        {
            await Step(nurse, "answer", new { yes = false });
        }

        var finished = await Step(nurse, "finish", Patient);
        using var admin = portal.Client();
        admin.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(admin, "admin"));
        var messageId = finished.GetProperty("finished").GetProperty("messageId").GetInt64();
        var page = await admin.GetStringAsync($"/messages/{messageId}");
        var json = await admin.GetFromJsonAsync<JsonElement>($"/api/messages/{messageId}");

        Assert.Equal(["morning-report"], finished.GetProperty("finished").GetProperty("final").GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("routine", finished.GetProperty("finished").GetProperty("urgency").GetString());
        Assert.DoesNotContain("appointment-badge", page, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("appointment").ValueKind);
    }

    internal static async Task<PortalUnderTest> ArrangeAsync(InMemoryDeskBoard board)
    {
        var portal = await PortalUnderTest.StartAsync(null, services =>
        {
            services.RemoveAll<IDeskBoard>();
            services.AddSingleton<IDeskBoard>(board);
        });
        await portal.SeedPracticesAsync();
        var examples = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "protocols", "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(ProtocolFileReader.Read).ToList();
        await portal.Get<IProtocolStore>().ImportAsync(examples, "test", DateTimeOffset.UtcNow);
        return portal;
    }

    /// <summary>A call record of Riverside, offered to <paramref name="nurse"/> at the desk and answered (the lead's nurse queue does this for real).</summary>
    internal static async Task<long> OnDeskCallAsync(PortalUnderTest portal, InMemoryDeskBoard board, string nurse)
    {
        var id = await CallRecordAsync(portal);
        await board.SetStatusAsync(nurse, OperatorStatus.Available, null);
        board.Offer(nurse, InMemoryDeskBoard.Call($"1795360542.{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", DateTimeOffset.UtcNow));
        board.Answer(nurse);
        return id;
    }

    private static Task<long> CallRecordAsync(PortalUnderTest portal) => portal.Get<ICallRecordStore>().StartAsync(new CallRecord
    {
        UniqueId = "1795360542." + Guid.NewGuid().ToString("N")[..6],
        PracticeId = PortalUnderTest.PracticeA,
        DialedNumber = "15550100",
        CallerId = "5551234567",
        StartedAt = DateTimeOffset.UtcNow,
    });

    private static async Task<HttpClient> NurseAsync(PortalUnderTest portal, string name)
    {
        if (await portal.Get<IUserStore>().FindAsync(name) is null)
        {
            await portal.AddUserAsync(name, Password, PortalRole.Nurse);
        }

        var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, name));
        return client;
    }

    private static async Task<JsonElement> Step(HttpClient client, string step, object body)
    {
        var response = await client.PostAsJsonAsync("/api/triage/" + step, body);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
