using System.Net;
using System.Net.Sockets;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Desk;
using Ivr.Server.EndToEndTests.Support;

namespace Ivr.Server.EndToEndTests.Desk;

/// <summary>
/// Needs a real Asterisk whose dialplan knows a second FastAGI server (scripts/test's has <c>agi://127.0.0.1:4576</c>) and
/// SIPp: two service processes share one database, as a deployment of several does, and the operators are signed in to
/// the second only. A caller the first answers who asks for someone now is handed to the second's desk through the
/// dialplan, and the operator there takes the call. A caller waiting at a desk where nobody is free moves to the other
/// process's desk once someone is free there.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class DeskHandOffEndToEndTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ACallerOfAProcessWithNobodyAtItsDeskIsHandedToTheProcessWhoseOperatorTakesTheCallWithTheCallersWaySoFar()
    {
        var second = SecondAgiUrl();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var first = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside() with { DeskMaxHoldSeconds = 90 });
        await using var beside = await ServiceUnderTest.StartBesideAsync(first, second);
        var desk = await DeskOperators.AvailableAsync(beside, "sam", phone.Port);
        var firstDesk = first.Get<IOperatorDesk>();
        await UntilAsync(first, beside, async () => await firstDesk.ElsewhereAsync(DeskLine.Operators) == second, "the first process seeing the second's desk staffed");
        Assert.False(firstDesk.Staffed);

        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), first.Directory);
        string? room = null;
        await UntilAsync(first, beside, () => Task.FromResult((room = joins.RoomWithTwo()) is not null), "the caller and the second process's operator in one room");
        var call = Assert.IsType<DeskCall>(desk.View("sam").Call);
        Assert.True(call.Answered);
        Assert.Equal(PatientCall.CallerNumber, call.Card.CallerNumber);
        Assert.Equal(Ivr.Domain.Flow.CallFlow.RoomOf(call.CallId), room);
        Assert.Contains("pressed 2: speak with someone now", call.Path.Select(p => p.What));

        Assert.True((await desk.ReleaseAsync("sam")).Done);
        await beside.WaitForCallerAsync(patient, Long);
        // The first process closed the record as handed over; the second writes the call's end over it when it finishes.
        var record = await FinishedBySecondAsync(first);
        var messages = await first.Messages.ForCallAsync(record.Id);
        var events = await first.Calls.EventsAsync(record.Id);
        Assert.True(record.Outcome == "operator", $"{record.Outcome}: {record.OutcomeDetail}; {string.Join(" / ", events.Select(e => $"{e.Name}: {e.Detail}"))}");
        Assert.Empty(messages);
        Assert.Contains(events, e => e.Name == "desk-hand-over" && e.Detail == $"handed to the operator queue of the process at {second}");
        Assert.Contains(events, e => e.Name == "desk-hand-over" && e.Detail == "handed in for the operator queue");
        Assert.Contains(events, e => e.Name == "desk-answered");
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ACallerWaitingAtAProcessWhoseOperatorIsAwayMovesToTheProcessWhereAnOperatorBecomesFreeAndIsAnsweredThere()
    {
        var second = SecondAgiUrl();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var joins = new AmiEventLog(ami, "ConfbridgeJoin");
        await using var phone = await SippScript.Phone().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        // Announcements every two minutes: within this test's minute only the desk's heartbeat can take the caller out of their wait.
        string[] settings = [.. DeskOperators.Settings, "--Desk:AnnounceEvery=00:02:00"];
        await using var first = await ServiceUnderTest.StartAsync(supervisor.Port, settings, TestPractice.Riverside() with { DeskMaxHoldSeconds = 300 });
        await using var beside = await ServiceUnderTest.StartBesideAsync(first, second, settings);
        var firstBoard = await DeskOperators.AvailableAsync(first, "ann", supervisor.Port);
        Assert.True((await firstBoard.SetStatusAsync("ann", OperatorStatus.OnBreak, "a meeting")).Done);
        var secondBoard = await DeskOperators.AvailableAsync(beside, "sam", phone.Port);
        Assert.True((await secondBoard.SetStatusAsync("sam", OperatorStatus.OnBreak, "a meeting")).Done);
        var firstDesk = first.Get<IOperatorDesk>();
        await UntilAsync(first, beside, async () => await firstDesk.ElsewhereAsync(DeskLine.Operators) == second, "the first process seeing the second's desk staffed");

        // Ann is signed in: the caller waits at the first process's desk.
        await using var patient = await PatientCall.StartAsync(SippScript.Patient().WhenAsked("main-menu").Press('2'), first.Directory);
        var queued = await Eventually.ValueAsync(
            async () => (await first.Calls.ListAsync(1)).FirstOrDefault() is { } c && (await first.Calls.EventsAsync(c.Id)).Any(e => e.Name == "desk-queued") ? c : null,
            Long,
            "the caller to wait in the first process's queue");
        // The queue is one in the database: the second process's live view counts the caller waiting at the first.
        await UntilAsync(first, beside, () => Task.FromResult(beside.Get<IDeskBoard>().Floor().ElsewhereWaiting == 1), "the second process's desk counting the caller waiting at the first");

        // Sam comes back at the second: the caller moves there and sam's phone rings.
        Assert.True((await secondBoard.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
        string? room = null;
        await UntilAsync(first, beside, () => Task.FromResult((room = joins.RoomWithTwo()) is not null), "the caller and the second process's operator in one room");
        var call = Assert.IsType<DeskCall>(secondBoard.View("sam").Call);
        Assert.True(call.Answered);
        Assert.Equal(Ivr.Domain.Flow.CallFlow.RoomOf(call.CallId), room);
        Assert.Contains(call.Path, p => p.What.StartsWith("waited ", StringComparison.Ordinal) && p.What.EndsWith(" s in the operator queue of another process, where nobody was free", StringComparison.Ordinal));

        Assert.True((await secondBoard.ReleaseAsync("sam")).Done);
        await beside.WaitForCallerAsync(patient, Long);
        var record = await FinishedBySecondAsync(first);
        var events = await first.Calls.EventsAsync(record.Id);
        Assert.Equal(queued.Id, record.Id);
        Assert.True(record.Outcome == "operator", $"{record.Outcome}: {record.OutcomeDetail}; {string.Join(" / ", events.Select(e => $"{e.Name}: {e.Detail}"))}");
        // The second process, with sam free and nobody waiting at its own desk, claimed the caller from the shared queue.
        Assert.Contains(events, e => e.Name == "desk-moved" && e.Detail.Contains("claimed them from the shared queue", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Name == "desk-hand-over" && e.Detail == $"handed to the operator queue of the process at {second}");
        Assert.Contains(events, e => e.Name == "desk-answered" && e.Detail.StartsWith("operator sam answered", StringComparison.Ordinal));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AHandOffToAnAddressTheDialplanDoesNotKnowGoesToTheSafetyNetAndNothingIsSentThere()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();

        // A row in the shared database naming a stranger's address: were the dialplan to follow it, the stranger would get the AGI key.
        var stranger = new TcpListener(IPAddress.Loopback, 0);
        stranger.Start();
        try
        {
            var address = $"agi://127.0.0.1:{((IPEndPoint)stranger.LocalEndpoint).Port}";
            await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, DeskOperators.Settings, TestPractice.Riverside());
            // Seen in the future, so fresh for the whole call.
            await service.Get<IDeskPresenceStore>().PublishAsync(new DeskPresence(address, 1, 0, DateTimeOffset.UtcNow.AddMinutes(5)));
            await using var patient = await PatientCall.StartAsync(
                SippScript.Patient().WhenAsked("main-menu").Press('2').When(CallerCue.DialplanRecording).Speak().Press('#').Wait(TimeSpan.FromSeconds(4)).HangUp(),
                service.Directory);

            await service.WaitForCallerAsync(patient, TimeSpan.FromSeconds(90));
            var uniqueId = await SafetyNetSpool.AssertMessageAsync();
            Assert.False(stranger.Pending(), "the dialplan connected to an address it does not know");
            var record = (await service.Calls.ListAsync(1)).Single();
            Assert.Equal((uniqueId, "handed-over"), (record.UniqueId, record.Outcome));
            Assert.Equal($"handed to the operator queue of the process at {address}", record.OutcomeDetail);
            await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(30));
            SafetyNetSpool.Delete(uniqueId);
        }
        finally
        {
            stranger.Stop();
        }
    }

    /// <summary>The dialplan's second FastAGI server, where the second process listens.</summary>
    private static string SecondAgiUrl()
    {
        var second = RealAsterisk.SecondAgiUrl;
        Assert.True(second.Length > 0, "the Asterisk's dialplan has no second FastAGI server (IVR_AGI_2): start it as scripts/test does, with IVR_TEST_ROUTES=1");
        return second;
    }

    /// <summary>The call's record once the second process wrote the call's end over the first's <c>handed-over</c>.</summary>
    private static Task<Ivr.Domain.Calls.CallRecord> FinishedBySecondAsync(ServiceUnderTest first) =>
        Eventually.ValueAsync(
            async () => (await first.Calls.ListAsync(1)).FirstOrDefault() is { EndedAt: not null, Outcome: not "handed-over" } ended ? ended : null,
            Long,
            "the second process to finish the call's record");

    /// <summary>Waits for <paramref name="probe"/>; a timeout shows both processes' logs.</summary>
    private static Task UntilAsync(ServiceUnderTest first, ServiceUnderTest beside, Func<Task<bool>> probe, string what) =>
        Eventually.ValueAsync<object>(
            async () => await probe() ? what : null,
            Long,
            async () => $"{what}\nThe calls: {string.Join("\n", await Task.WhenAll((await first.Calls.ListAsync(3)).Select(async c => $"{c.Id}: {await PatientCall.TimelineAsync(first.Calls, c)}")))}\nThe first process's log:\n{first.LogTail()}\nThe second process's log:\n{beside.LogTail()}");
}
