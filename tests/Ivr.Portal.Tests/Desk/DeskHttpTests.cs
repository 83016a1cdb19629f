using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Portal.Desk;
using Ivr.Testing;
using Ivr.Testing.Desk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ivr.Portal.Tests.Desk;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS with an in-memory desk, no browser, no
/// Asterisk): the desk page, <c>/api/desk</c> and its event stream under the portal's rules.
/// </summary>
public sealed class DeskHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnOperatorSignsInToTheDeskWhichTheNavShowsToThoseWhoWorkIt()
    {
        await using var portal = await ArrangeAsync(new InMemoryDeskBoard(TimeProvider.System));
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        await portal.AddUserAsync("sue", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PortalUnderTest.PracticeA, "dr-lee");
        using var sam = portal.Client(followRedirects: false);
        using var sue = portal.Client();
        using var lee = portal.Client();

        var form = await sam.GetStringAsync("/signin");
        var signIn = await sam.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalHttpTests.HiddenToken(form),
            ["Username"] = "sam",
            ["Password"] = Password,
        }));
        var home = await sam.GetAsync("/");
        var page = await sam.GetStringAsync("/desk");
        await SignInAsync(sue, "sue");
        await SignInAsync(lee, "lee");

        Assert.Equal("/desk", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/desk", home.Headers.Location!.OriginalString);
        Assert.Contains("href=\"/desk\"", page);
        Assert.Contains("<section id=\"softphone\" aria-label=\"Phone\"></section>", page);
        Assert.Contains("<script type=\"module\" src=\"/assets/desk.js\"></script>", page);
        Assert.Contains("<kbd>Alt+Shift+A</kbd>", WebUtility.HtmlDecode(page));
        Assert.Contains("Signed out of the desk", page);
        Assert.Contains("href=\"/desk\"", await sue.GetStringAsync("/desk"));
        Assert.DoesNotContain("href=\"/desk\"", await lee.GetStringAsync("/messages"));
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/assets/desk.js")).StatusCode);
    }

    [Fact]
    public async Task AClinicianGets403FromTheDeskPageTheApiAndTheStreamEachAudited()
    {
        await using var portal = await ArrangeAsync(new InMemoryDeskBoard(TimeProvider.System));
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PortalUnderTest.PracticeA, "dr-lee");
        using var client = portal.Client();
        var token = await SignInAsync(client, "lee");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);

        var page = await client.GetAsync("/desk");
        var api = await client.GetAsync("/api/desk");
        var stream = await client.GetAsync(DeskApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        var status = await client.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        var seen = await client.PostAsJsonAsync(DeskApi.SeenPath, new { callId = "1795360542.9" });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stream.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, seen.StatusCode);
        Assert.Equal(5, (await portal.Get<IAuditLog>().ListAsync(30)).Count(e => e.Action == "desk.denied" && e.Actor == "portal:lee"));
    }

    [Fact]
    public async Task WithoutADeskInTheHostThePageSaysSoAndTheApiAnswers503WithAJsonError()
    {
        await using var portal = await PortalUnderTest.StartAsync(null, services => services.RemoveAll<IDeskBoard>());
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        using var client = portal.Client();
        var token = await SignInAsync(client, "sam");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);

        var page = await client.GetStringAsync("/desk");
        var api = await client.GetAsync("/api/desk");
        var stream = await client.GetAsync(DeskApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        var release = await client.PostAsync("/api/desk/release", null);

        Assert.Contains("The operator desk is not running here", page);
        Assert.DoesNotContain("desk.js", page);
        foreach (var response in new[] { api, stream, release })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("the operator desk is not running on this host", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task StatusChangesNeedTheAntiforgeryHeaderABreakItsReasonAndRefusalsAnswer409()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        board.WithoutPhone.Add("kim");
        await using var portal = await ArrangeAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        await portal.AddUserAsync("kim", Password, PortalRole.Operator);
        using var sam = portal.Client();
        using var kim = portal.Client();
        var token = await SignInAsync(sam, "sam");
        kim.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(kim, "kim"));

        var withoutToken = await sam.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        sam.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var unknown = await sam.PostAsJsonAsync("/api/desk/status", new { status = "asleep" });
        var breakWithoutReason = await sam.PostAsJsonAsync("/api/desk/status", new { status = "on-break" });
        var onBreak = await sam.PostAsJsonAsync("/api/desk/status", new { status = "on-break", reason = "coffee" });
        var afterBreak = await sam.GetFromJsonAsync<JsonElement>("/api/desk");
        var available = await sam.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        var noPhone = await kim.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        var kimsView = await kim.GetFromJsonAsync<JsonElement>("/api/desk");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("available, on-break, wrap-up, signed-out", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Conflict, breakWithoutReason.StatusCode);
        Assert.Equal("a break needs a reason", (await breakWithoutReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, onBreak.StatusCode);
        Assert.Equal("on-break", afterBreak.GetProperty("status").GetString());
        Assert.Equal("coffee", afterBreak.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, available.StatusCode);
        Assert.Equal(OperatorStatus.Available, board.View("sam").Status);
        Assert.Equal(HttpStatusCode.Conflict, noPhone.StatusCode);
        Assert.False(kimsView.GetProperty("hasPhone").GetBoolean());
    }

    [Fact]
    public async Task TheFormAnswers422WithErrorsByFieldThenSavesOnceAndASecondSaveCreatesNothing()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        using var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, "sam"));
        var noCall = await client.PostAsJsonAsync("/api/desk/message", Form(patientName: "Leo Ortiz"));
        await client.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.5", DateTimeOffset.UtcNow));
        board.Answer("sam");

        var missing = await client.PostAsJsonAsync("/api/desk/message", Form(patientName: ""));
        var noUrgency = await client.PostAsJsonAsync("/api/desk/message", Form(patientName: "Leo Ortiz", urgency: "soon"));
        var saved = await client.PostAsJsonAsync("/api/desk/message", Form(patientName: "Leo Ortiz"));
        var again = await client.PostAsJsonAsync("/api/desk/message", Form(patientName: "Leo Ortiz"));

        Assert.Equal(HttpStatusCode.Conflict, noCall.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["patientName"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noUrgency.StatusCode);
        Assert.Equal("choose urgent or routine", (await noUrgency.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("urgency").GetString());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var first = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(first.GetProperty("created").GetBoolean());
        Assert.False(second.GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("messageId").GetInt64(), second.GetProperty("messageId").GetInt64());
        Assert.Equal("Leo Ortiz", board.Saved["1795360542.5"].PatientName);
        Assert.Equal(Domain.Messages.Urgency.Urgent, board.Saved["1795360542.5"].Urgency);
    }

    [Fact]
    public async Task PatchTransferAndReleaseAnswerAsTheDeskDoesAndABadTargetIs400()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        using var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, "sam"));
        await client.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.6", DateTimeOffset.UtcNow));
        var beforeAnswer = await client.PostAsync("/api/desk/patch", null);
        board.Answer("sam");

        var patch = await client.PostAsync("/api/desk/patch", null);
        var patchAgain = await client.PostAsync("/api/desk/patch", null);
        var doctor = await client.PostAsJsonAsync("/api/desk/transfer", new { target = "doctor" });
        var office = await client.PostAsJsonAsync("/api/desk/transfer", new { target = "office" });
        var nurse = await client.PostAsJsonAsync("/api/desk/transfer", new { target = "nurse" });
        var told = await client.GetFromJsonAsync<JsonElement>("/api/desk");
        var release = await client.PostAsync("/api/desk/release", null);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/desk");

        Assert.Equal(HttpStatusCode.Conflict, beforeAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, patchAgain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, doctor.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, office.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, nurse.StatusCode);
        Assert.Equal("No nurse is available: you keep the call.", told.GetProperty("call").GetProperty("notice").GetString());
        Assert.Equal("ringing", told.GetProperty("call").GetProperty("patch").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("wrap-up", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("call").ValueKind);
        Assert.Equal("released", board.Ended["1795360542.6"]);
    }

    [Fact]
    public async Task TheStreamPushesTheOperatorsViewAsTheDeskChangesAndAuditsEachCardOnce()
    {
        var board = new InMemoryDeskBoard(TimeProvider.System);
        await using var portal = await ArrangeAsync(board);
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        using var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, "sam"));
        await board.SetStatusAsync("sam", OperatorStatus.Available, null);

        using var response = await client.GetAsync(DeskApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextViewAsync(events);
        var watchedWhileOpen = board.Watching.GetValueOrDefault("sam");
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.9", DateTimeOffset.UtcNow));
        var offered = await NextViewAsync(events);
        using var seen = await client.PostAsJsonAsync(DeskApi.SeenPath, new { callId = "1795360542.9" });
        using var seenWithoutCall = await client.PostAsJsonAsync(DeskApi.SeenPath, new { });
        board.Answer("sam");
        var answered = await NextViewAsync(events);
        await board.PatchAsync("sam");
        board.PatchStep("sam", "declined");
        var patching = await NextViewAsync(events, v => v.GetProperty("call").GetProperty("patch").GetProperty("steps").GetArrayLength() == 2);

        Assert.Equal("available", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("call").ValueKind);

        // The open page is watched, so the desk rings the operator's phone once the page says it shows the card (DeskService.Cards).
        Assert.Equal(1, watchedWhileOpen);
        Assert.Equal(HttpStatusCode.NoContent, seen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, seenWithoutCall.StatusCode);
        Assert.Equal(["sam:1795360542.9"], board.CardsShown);
        Assert.False(seen.Headers.Contains("Set-Cookie"), "saying the card is shown renewed the session");
        Assert.Equal("offered", offered.GetProperty("status").GetString());
        var card = offered.GetProperty("call").GetProperty("card");
        Assert.False(offered.GetProperty("call").GetProperty("answered").GetBoolean());
        Assert.Equal("Riverside Pediatrics answering service, this is Sam, how can I help?", card.GetProperty("greeting").GetString());
        Assert.Equal("5551234567", card.GetProperty("callerNumber").GetString());
        Assert.Equal("urgent", offered.GetProperty("call").GetProperty("priority").GetString());
        Assert.True(answered.GetProperty("call").GetProperty("answered").GetBoolean());
        Assert.Equal(["declined", "ringing"], patching.GetProperty("call").GetProperty("patch").GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("result").GetString()));
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        Assert.Single(audit, e => e.Action == "desk.card" && e.SubjectId == "9" && e.Actor == "portal:sam");
        Assert.Contains(audit, e => e.Action == "desk.stream" && e.Actor == "portal:sam");
        Assert.DoesNotContain(audit, e => e.Detail.Contains("5551234567", StringComparison.Ordinal));
        response.Dispose();
        await Eventually.UntilAsync(() => Task.FromResult(board.Watching["sam"] == 0), TimeSpan.FromSeconds(10), "the closed page no longer watched");
    }

    [Fact]
    public async Task TheServicesOwnDeskAnswersThePortalAndRefusesAnOperatorWithoutAPhone()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Operator);
        using var client = portal.Client();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", await SignInAsync(client, "sam"));

        var view = await client.GetFromJsonAsync<JsonElement>("/api/desk");
        var available = await client.PostAsJsonAsync("/api/desk/status", new { status = "available" });
        var onBreak = await client.PostAsJsonAsync("/api/desk/status", new { status = "on-break", reason = "training" });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/desk");

        Assert.Equal("signed-out", view.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, available.StatusCode);
        Assert.Contains("No phone is set for you", (await available.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, onBreak.StatusCode);
        Assert.Equal("on-break", after.GetProperty("status").GetString());
        Assert.Equal("training", after.GetProperty("reason").GetString());
    }

    private static object Form(string patientName, string urgency = "urgent") => new
    {
        callerName = "Maria Ortiz",
        patientName,
        dateOfBirth = "2019-04-01",
        callbackNumber = "5559876543",
        callbackReadBack = true,
        reason = "fever since noon",
        urgency,
        notes = "",
    };

    private static async Task<JsonElement> NextViewAsync(StreamReader events, Func<JsonElement, bool>? until = null)
    {
        while (true)
        {
            var line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(line);
            if (line == "event: view")
            {
                var data = await events.ReadLineAsync();
                Assert.StartsWith("data: ", data);
                var view = JsonDocument.Parse(data!["data: ".Length..]).RootElement;
                if (until is null || until(view))
                {
                    return view;
                }
            }
        }
    }

    private static async Task<PortalUnderTest> ArrangeAsync(InMemoryDeskBoard board)
    {
        var portal = await PortalUnderTest.StartAsync(null, services =>
        {
            services.RemoveAll<IDeskBoard>();
            services.AddSingleton<IDeskBoard>(board);
        });
        await portal.SeedPracticesAsync();
        return portal;
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
