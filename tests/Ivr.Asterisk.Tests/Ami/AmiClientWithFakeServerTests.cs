using System.Collections.Concurrent;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Tests.Agi;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Ami;

/// <summary>Needs nothing: our AMI client against an in-process fake AMI server over loopback TCP.</summary>
public sealed class AmiClientWithFakeServerTests
{
    [Fact]
    public async Task ClientLogsInAndPingIsAnsweredByItsOwnActionId()
    {
        await using var server = FakeAmiServer.Start();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        Assert.Equal("Asterisk Call Manager/11.0.0", client.Banner);
        var rtt = await client.PingAsync();
        Assert.True(rtt > TimeSpan.Zero);
        var login = Assert.Single(server.ActionsNamed("Login"));
        Assert.Equal("ivr", login["Username"]);
        Assert.Equal("system,call,user,dialplan", login["Events"]);
    }

    [Fact]
    public async Task WrongSecretFailsWithAnAuthenticationError()
    {
        await using var server = FakeAmiServer.Start();
        var options = server.ClientOptions();
        options.Secret = "wrong";
        await Assert.ThrowsAsync<AmiAuthenticationException>(() => AmiClient.ConnectAsync(options));
    }

    [Fact]
    public async Task ServerDropLogsInAgainRaisesReconnectedAndFailsPendingActionsWithATypedError()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => null; // Asterisk never answers these: they stay pending.
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var changes = new ConcurrentQueue<AmiConnectionEventArgs>();
        client.ConnectionChanged += changes.Enqueue;

        var pending = client.SendActionAsync(new AmiAction("CoreStatus"));
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => server.ActionsNamed("CoreStatus").Any());
        server.DropAll();

        var failure = await Assert.ThrowsAsync<AmiConnectionLostException>(() => pending.WaitAsync(TimeSpan.FromSeconds(4)));
        Assert.Contains("not resent", failure.Message);
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => server.Logins == 2 && client.State == AmiConnectionState.Connected, null, () => $"logins={server.Logins} state={client.State} reconnections={client.Reconnections}");
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => changes.Any(c => c.State == AmiConnectionState.Connected));
        Assert.Contains(changes, c => c.State == AmiConnectionState.Reconnecting);
        Assert.Equal(1, client.Reconnections);
        await client.PingAsync();
        Assert.Single(server.ActionsNamed("CoreStatus"));
    }

    [Fact]
    public async Task OriginatePendingWhenTheConnectionDropsFailsAndIsNeverResent()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => action.Name == "Originate"
            ? $"Response: Success\r\nActionID: {action.ActionId}\r\nMessage: Originate successfully queued\r\n\r\n"
            : null;
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var originate = client.OriginateAsync(new AmiAction("Originate").Add("Channel", "PJSIP/sipp/sip:doctor@127.0.0.1:5070").Add("Application", "Wait").Add("Data", "5").Add("Timeout", "20000"));
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => server.ActionsNamed("Originate").Any());
        server.DropAll();

        await Assert.ThrowsAsync<AmiConnectionLostException>(() => originate.WaitAsync(TimeSpan.FromSeconds(4)));
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => server.Logins == 2 && client.State == AmiConnectionState.Connected, null, () => $"logins={server.Logins} state={client.State} reconnections={client.Reconnections}");
        await client.PingAsync();
        Assert.Single(server.ActionsNamed("Originate"));
    }

    [Fact]
    public async Task PendingActionFailsWithTimeoutWhenAsteriskNeverAnswers()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (_, _) => null;
        var clock = new DrivenClock();
        var options = server.ClientOptions();
        options.Time = clock;
        await using var client = await AmiClient.ConnectAsync(options);
        var sent = client.SendActionAsync(new AmiAction("CoreStatus") { Timeout = TimeSpan.FromSeconds(3) });
        await clock.ElapseAsync(TimeSpan.FromSeconds(3));
        var timeout = await Assert.ThrowsAsync<AmiActionTimeoutException>(() => sent);
        Assert.Equal("CoreStatus", timeout.Action);
        await client.PingAsync();
    }

    [Fact]
    public async Task RequestsWhileAsteriskIsDownFailFastAndTheClientComesBackWhenItReturns()
    {
        await using var server = FakeAmiServer.Start();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        server.Accepting = false;
        server.DropAll();
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => client.State == AmiConnectionState.Reconnecting);
        await Assert.ThrowsAsync<AmiNotConnectedException>(() => client.PingAsync());
        // At least one reconnect attempt meets Asterisk down before it comes back.
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => Volatile.Read(ref server.Refused) > 0);
        server.Accepting = true;
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => client.State == AmiConnectionState.Connected);
        await client.PingAsync();
    }

    [Fact]
    public async Task SlowSubscriberDoesNotDelayOtherSubscribersOrActionReplies()
    {
        await using var server = FakeAmiServer.Start();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastSeen = new ConcurrentQueue<string>();
        var slowSeen = new ConcurrentQueue<string>();
        await using var slow = client.Subscribe(async (e, ct) =>
        {
            await release.Task.WaitAsync(ct);
            slowSeen.Enqueue(e["Seq"]!);
        }, e => e.IsEvent("Test"), capacity: 100);
        await using var fast = client.Subscribe((e, _) =>
        {
            fastSeen.Enqueue(e["Seq"]!);
            return ValueTask.CompletedTask;
        }, e => e.IsEvent("Test"));

        for (var i = 0; i < 50; i++)
        {
            await server.BroadcastAsync($"Event: Test\r\nPrivilege: user,all\r\nSeq: {i}\r\n\r\n");
        }

        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => fastSeen.Count == 50);
        await client.PingAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Empty(slowSeen);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), fastSeen);

        release.SetResult();
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => slowSeen.Count == 50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString()), slowSeen);
    }

    [Fact]
    public async Task SubscriberWhoseQueueIsFullHasEventsDroppedAndCountedNotTheReadLoopBlocked()
    {
        await using var server = FakeAmiServer.Start();
        var diagnostics = new ConcurrentQueue<AsteriskDiagnostic>();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions(), diagnostics.Enqueue);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stuck = client.Subscribe(async (_, ct) => await release.Task.WaitAsync(ct), e => e.IsEvent("Test"), capacity: 5);
        for (var i = 0; i < 20; i++)
        {
            await server.BroadcastAsync($"Event: Test\r\nSeq: {i}\r\n\r\n");
        }

        await client.PingAsync().WaitAsync(TimeSpan.FromSeconds(2));
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => stuck.DroppedEvents >= 14);
        Assert.Contains(diagnostics, d => d.Event == "AmiSubscriberOverflow");
        release.SetResult();
    }

    [Fact]
    public async Task HandlerMaySendActionsAndAwaitThemWithoutDeadlock()
    {
        await using var server = FakeAmiServer.Start();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = client.Subscribe(async (_, ct) => done.TrySetResult(await client.PingAsync(ct)), e => e.IsEvent("Hangup"));
        await server.BroadcastAsync("Event: Hangup\r\nPrivilege: call,all\r\nUniqueid: 1.1\r\n\r\n");
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task EventListCollectsItemsUntilCompleteAndErrorEndsItAtOnce()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => action.Name switch
        {
            "ConfbridgeList" when action["Conference"] == "room1" =>
                $"Response: Success\r\nActionID: {action.ActionId}\r\nEventList: start\r\nMessage: Confbridge user list will follow\r\n\r\n" +
                "Event: Newchannel\r\nPrivilege: call,all\r\nUniqueid: 9.9\r\n\r\n" +
                $"Event: ConfbridgeList\r\nActionID: {action.ActionId}\r\nConference: room1\r\nChannel: PJSIP/a-1\r\n\r\n" +
                $"Event: ConfbridgeList\r\nActionID: {action.ActionId}\r\nConference: room1\r\nChannel: PJSIP/b-2\r\n\r\n" +
                $"Event: ConfbridgeListComplete\r\nActionID: {action.ActionId}\r\nEventList: Complete\r\nListItems: 2\r\n\r\n",
            "ConfbridgeList" => $"Response: Error\r\nActionID: {action.ActionId}\r\nMessage: No Conference by that name found.\r\n\r\n",
            _ => null,
        };
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var unrelated = new TaskCompletionSource<AmiMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = client.Subscribe((e, _) =>
        {
            unrelated.TrySetResult(e);
            return ValueTask.CompletedTask;
        }, e => !e.IsEvent("FullyBooted"));

        var list = await client.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", "room1"));
        Assert.False(list.IsError);
        Assert.Equal(["PJSIP/a-1", "PJSIP/b-2"], list.Events.Select(e => e["Channel"]));
        Assert.Equal("2", list.Completion!["ListItems"]);
        Assert.Equal("Newchannel", (await unrelated.Task.WaitAsync(TimeSpan.FromSeconds(5))).Name);

        var missing = await client.SendListActionAsync(new AmiAction("ConfbridgeList").Add("Conference", "nope"));
        Assert.True(missing.IsError);
        Assert.Empty(missing.Events);
    }

    [Fact]
    public async Task OriginateWaitsForItsOwnOriginateResponseEventNotAnotherOne()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => action.Name == "Originate"
            ? $"Response: Success\r\nActionID: {action.ActionId}\r\nMessage: Originate successfully queued\r\n\r\n" +
              "Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: someone-else-1\r\nResponse: Failure\r\nReason: 5\r\n\r\n" +
              $"Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: {action.ActionId}\r\nResponse: Success\r\nChannel: PJSIP/sipp-00000002\r\nReason: 4\r\nUniqueid: 1700000000.5\r\n\r\n"
            : null;
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var result = await client.OriginateAsync(new AmiAction("Originate").Add("Channel", "PJSIP/sipp/sip:doctor@127.0.0.1:5070").Add("Application", "Wait").Add("Data", "1"));
        Assert.True(result.Answered);
        Assert.Equal(4, result.Reason);
        Assert.Equal("1700000000.5", result.UniqueId);
        Assert.Equal("true", Assert.Single(server.ActionsNamed("Originate"))["Async"]);
    }

    [Fact]
    public async Task OriginateRefusedByAsteriskThrowsAtOnce()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => $"Response: Error\r\nActionID: {action.ActionId}\r\nMessage: Originate failed\r\n\r\n";
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var error = await Assert.ThrowsAsync<AmiActionFailedException>(() =>
            client.OriginateAsync(new AmiAction("Originate").Add("Channel", "PJSIP/nowhere").Add("Application", "Wait").Add("Data", "1")));
        Assert.Equal("Originate failed", error.Response["Message"]);
    }

    [Fact]
    public async Task ManyConcurrentActionsEachGetTheirOwnResponse()
    {
        await using var server = FakeAmiServer.Start();
        server.OnAction = (action, _) => $"Response: Success\r\nActionID: {action.ActionId}\r\nEcho: {action["Value"]}\r\n\r\n";
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions());
        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            client.SendActionAsync(new AmiAction("Echo").Add("Value", i.ToString()))));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString()), responses.Select(r => r["Echo"]));
        Assert.Equal(500, server.ActionsNamed("Echo").Select(a => a.ActionId).Distinct().Count());
    }

    [Fact]
    public async Task MalformedMessageIsReportedAndTheNextOneStillArrives()
    {
        await using var server = FakeAmiServer.Start();
        var diagnostics = new ConcurrentQueue<AsteriskDiagnostic>();
        await using var client = await AmiClient.ConnectAsync(server.ClientOptions(), diagnostics.Enqueue);
        var seen = new TaskCompletionSource<AmiMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = client.Subscribe((e, _) =>
        {
            seen.TrySetResult(e);
            return ValueTask.CompletedTask;
        }, e => e.IsEvent("Hangup"));
        await server.BroadcastAsync("Garbage: yes\r\nMore: stuff\r\n\r\nEvent: Hangup\r\nUniqueid: 2.2\r\n\r\n");
        Assert.Equal("2.2", (await seen.Task.WaitAsync(TimeSpan.FromSeconds(5)))["Uniqueid"]);
        Assert.Contains(diagnostics, d => d.Event == "AmiMalformedMessage");
        await client.PingAsync();
    }

    [Fact]
    public async Task DeadConnectionIsDetectedByPingTimeoutAndReplaced()
    {
        await using var server = FakeAmiServer.Start();
        var answerPings = true;
        server.OnAction = (action, _) => action.Name == "Ping" && !answerPings ? string.Empty : null;
        var clock = new DrivenClock();
        var options = server.ClientOptions();
        (options.Time, options.PingInterval, options.PingTimeout) = (clock, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3));
        await using var client = await AmiClient.ConnectAsync(options);
        answerPings = false;
        // The interval passes, the Ping goes unanswered for the Ping timeout, and the back-off before the new login passes.
        await clock.ElapseAsync(options.PingInterval);
        await clock.ElapseAsync(options.PingTimeout);
        await clock.ElapseAsync(d => d <= options.ReconnectMaxDelay);
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => server.Logins >= 2 || client.Reconnections >= 1);
        answerPings = true;
        await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => client.State == AmiConnectionState.Connected);
    }
}
