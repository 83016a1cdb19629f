using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;
using Ivr.Portal.Live;
using Ivr.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Live;

/// <summary>
/// The live view's desk section: the pure filter needs nothing; the page, snapshot and stream need a free
/// loopback port (the real host over HTTPS with a <see cref="FakeDeskBoard"/>, or with no desk at all).
/// </summary>
public sealed class LiveDeskTests
{
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Night = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity AdminOfA = new(2, "pia", PortalRole.PracticeAdmin, PracticeA, null);

    private static readonly Dictionary<string, string> Names = new() { [PracticeA] = "Riverside Pediatrics", [PracticeB] = "Harbor Internal Medicine" };

    [Fact]
    public void EveryPracticeSeesTheWholeFloorAndAPracticeAdminTheirCallersAndOnlyTheirCalls()
    {
        var floor = Floor();

        var all = LiveDesk.Of(Supervisor, floor, Names);
        var mine = LiveDesk.Of(AdminOfA, floor, Names);

        Assert.True(all.Running);
        Assert.Equal(["1795360542.2", "1795360542.1"], all.Waiting.Select(w => w.CallId));
        Assert.Equal(Night, all.LongestWaitingSince);
        Assert.Equal("Harbor Internal Medicine", all.Waiting[0].PracticeName);
        Assert.Equal(("kai", "1795360542.7", "Harbor Internal Medicine"), (all.Operators[0].Operator, all.Operators[0].CallId, all.Operators[0].PracticeName));
        Assert.Equal(["1795360542.1"], mine.Waiting.Select(w => w.CallId));
        Assert.Equal(Night, mine.LongestWaitingSince);
        Assert.Equal(["kai", "sam"], mine.Operators.Select(o => o.Operator));
        Assert.Null(mine.Operators[0].CallId);
        Assert.Null(mine.Operators[0].PracticeId);
        Assert.Equal("1795360542.1", mine.Operators[1].CallId);
        Assert.Null(LiveDesk.Of(AdminOfA, new DeskFloor([], [], Night, 3), Names).LongestWaitingSince);
    }

    [Fact]
    public void UsersOfEveryPracticeSeeHowManyWaitAtOtherProcessesDesksAndAPracticeAdminDoesNot()
    {
        // The shared queue says no practice: a practice's admin could not be shown only their own practice's callers.
        var floor = Floor() with { ElsewhereWaiting = 3, ElsewhereLongestSince = Night.AddMinutes(-4) };

        var all = LiveDesk.Of(Supervisor, floor, Names);
        var mine = LiveDesk.Of(AdminOfA, floor, Names);

        Assert.Equal((3, Night.AddMinutes(-4)), (all.ElsewhereWaiting, all.ElsewhereLongestSince));
        Assert.Equal((0, (DateTimeOffset?)null), (mine.ElsewhereWaiting, mine.ElsewhereLongestSince));
        // This desk's own longest wait is its own callers', not the other processes'.
        Assert.Equal(Night, all.LongestWaitingSince);
    }

    [Fact]
    public async Task WithoutADeskTheSnapshotAndThePageSayTheDeskIsNotRunning()
    {
        // A host without telephony (the service always has it; only a portal of its own would not).
        await using var portal = await PortalUnderTest.StartAsync(null, services => services.RemoveAll<IDeskBoard>());
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var snapshot = await client.GetFromJsonAsync<JsonElement>("/api/live");
        var page = await client.GetStringAsync("/live");

        Assert.Empty(snapshot.GetProperty("calls").EnumerateArray());
        Assert.False(snapshot.GetProperty("desk").GetProperty("running").GetBoolean());
        Assert.Contains("The desk is not running", page);
        Assert.DoesNotContain("id=\"desk-waiting\"", page);
    }

    [Fact]
    public async Task TheSupervisorsStreamPushesTheDeskWhenItChangesAndThePageDrawsItFirst()
    {
        var board = new FakeDeskBoard();
        board.Set([], [new DeskOperatorState("sam", OperatorStatus.OnBreak, "lunch", Night, null, null)], Night);
        await using var portal = await PortalUnderTest.StartAsync(null, services => services.AddSingleton<IDeskBoard>(board));
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        await SignInAsync(client, "sam");

        var page = await client.GetStringAsync("/live");
        Assert.Contains("id=\"desk-waiting\"", page);
        Assert.Contains("Nobody is waiting.", page);
        Assert.Contains("data-operator=\"sam\" data-status=\"on-break\"", page);
        Assert.Contains("on break (lunch)", page);
        Assert.Contains("at other processes' desks: <strong id=\"desk-elsewhere-count\">0</strong>", page);

        using var response = await client.GetAsync(LiveApi.StreamPath, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = (await NextSnapshotAsync(events)).GetProperty("desk");
        Assert.True(first.GetProperty("running").GetBoolean());
        Assert.Empty(first.GetProperty("waiting").EnumerateArray());
        Assert.Equal("on-break", first.GetProperty("operators")[0].GetProperty("status").GetString());

        var floor = Floor();
        board.Set(floor.Waiting, floor.Operators, Night.AddMinutes(1), elsewhereWaiting: 2, elsewhereLongestSince: Night.AddMinutes(-3));
        var second = (await NextSnapshotAsync(events)).GetProperty("desk");
        Assert.Equal((2, Night.AddMinutes(-3)), (second.GetProperty("elsewhereWaiting").GetInt32(), second.GetProperty("elsewhereLongestSince").GetDateTimeOffset()));

        var waiting = second.GetProperty("waiting").EnumerateArray().ToList();
        Assert.Equal(["1795360542.2", "1795360542.1"], waiting.Select(w => w.GetProperty("callId").GetString()));
        Assert.Equal(("urgent", "Harbor Internal Medicine", "kai"), (waiting[0].GetProperty("priority").GetString(), waiting[0].GetProperty("practiceName").GetString(), waiting[0].GetProperty("offeredTo").GetString()));
        Assert.Equal(JsonValueKind.Null, waiting[1].GetProperty("offeredTo").ValueKind);
        Assert.Equal(Night, second.GetProperty("longestWaitingSince").GetDateTimeOffset());
        var sam = second.GetProperty("operators").EnumerateArray().Single(o => o.GetProperty("operator").GetString() == "sam");
        Assert.Equal(("on-call", "1795360542.1", "Riverside Pediatrics"), (sam.GetProperty("status").GetString(), sam.GetProperty("callId").GetString(), sam.GetProperty("practiceName").GetString()));
    }

    /// <summary>Two callers: Riverside's routine one waiting since <see cref="Night"/>, Harbor's urgent one (first in order) ringing kai; sam is on another Riverside call, kai offered Harbor's.</summary>
    private static DeskFloor Floor() => new(
        [
            new DeskWaiting("1795360542.2", PracticeB, DeskPriority.Urgent, Night.AddSeconds(20), "kai"),
            new DeskWaiting("1795360542.1", PracticeA, DeskPriority.Routine, Night, null),
        ],
        [
            new DeskOperatorState("kai", OperatorStatus.Offered, null, Night.AddSeconds(25), "1795360542.7", PracticeB),
            new DeskOperatorState("sam", OperatorStatus.OnCall, null, Night.AddSeconds(5), "1795360542.1", PracticeA),
        ],
        Night.AddSeconds(30),
        7);

    private static async Task<JsonElement> NextSnapshotAsync(StreamReader events)
    {
        while (true)
        {
            var line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(line);
            if (line == "event: snapshot")
            {
                var data = await events.ReadLineAsync();
                Assert.StartsWith("data: ", data);
                return JsonDocument.Parse(data!["data: ".Length..]).RootElement;
            }
        }
    }

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
}
