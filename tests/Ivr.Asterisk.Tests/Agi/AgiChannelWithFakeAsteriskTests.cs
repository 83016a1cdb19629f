using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: our FastAGI server against an in-process fake Asterisk over loopback TCP.</summary>
public sealed class AgiChannelWithFakeAsteriskTests
{
    [Fact]
    public async Task HangupDuringStreamFileEndsSessionWithHangupResultAndClosesTheSocket()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            try
            {
                await channel.AnswerAsync(ct);
                await channel.StreamFileAsync("welcome", "12", ct);
                outcome.SetResult(null);
            }
            catch (Exception exception)
            {
                outcome.SetResult(exception);
                throw;
            }
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("ANSWER", "200 result=0\n");
        await call.ExpectAsync("STREAM FILE welcome 12", "200 result=-1 endpos=1234\nHANGUP\n");

        var exception = await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var hangup = Assert.IsType<AgiHangupException>(exception);
        Assert.Equal("STREAM FILE", hangup.Command);
        Assert.True(await call.WaitForCloseAsync(), "The server did not close the socket after the script ended.");
    }

    [Fact]
    public async Task HangupNoticeBeforeReplyIsNotTakenForTheReply()
    {
        var result = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            await channel.AnswerAsync(ct);
            result.SetResult(await channel.GetVariableAsync("CALLERID(num)", ct));
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("ANSWER", "200 result=0\n");

        // The caller hangs up while idle: the notice comes first, then the reply to a dead-capable command.
        await call.ExpectAsync("GET VARIABLE CALLERID(num)", "HANGUP\n200 result=1 (5551234567)\n");
        Assert.Equal("5551234567", await result.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CommandsAfterHangupThatNeedALiveChannelFailWithoutBeingSent()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            await channel.SetVariableAsync("A", "1", ct);
            await channel.WaitForHangupAsync(TimeSpan.FromSeconds(5));
            try
            {
                await channel.StreamFileAsync("welcome", "", ct);
                outcome.SetResult(null);
            }
            catch (Exception exception)
            {
                outcome.SetResult(exception);
            }

            // Dead-capable commands still run, for cleanup.
            await channel.SetVariableAsync("IVR_COMPLETED", "1", ct);
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("SET VARIABLE A 1", "200 result=1\n");
        await call.SendAsync("HANGUP\n");
        Assert.IsType<AgiHangupException>(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await call.ExpectAsync("SET VARIABLE IVR_COMPLETED 1", "200 result=1\n");
        Assert.True(await call.WaitForCloseAsync());
        Assert.DoesNotContain(call.Commands, c => c.StartsWith("STREAM FILE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeadChannelReply511BecomesAHangupException()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            try
            {
                await channel.StreamFileAsync("welcome", "", ct);
                outcome.SetResult(null);
            }
            catch (Exception exception)
            {
                outcome.SetResult(exception);
            }
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("STREAM FILE welcome \"\"", "511 Command Not Permitted on a dead channel or intercept routine\n");
        Assert.IsType<AgiHangupException>(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MissingSoundFileIsACommandFailureNotAHangup()
    {
        var clock = new DrivenClock();
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(
            async (channel, ct) =>
            {
                try
                {
                    await channel.StreamFileAsync("no-such-file", "", ct);
                    outcome.SetResult(null);
                }
                catch (Exception exception)
                {
                    outcome.SetResult(exception);
                }
            },
            options => options.Channel.Time = clock);

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("STREAM FILE no-such-file \"\"", "200 result=-1 endpos=0\n");
        // No HANGUP notice within the grace: the grace passes on the test's clock.
        await clock.ElapseAsync(new AgiChannelOptions().HangupGrace);
        var failure = Assert.IsType<AgiCommandException>(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("STREAM FILE", failure.Command);
    }

    [Fact]
    public async Task GetDataTimeoutWithNoDigitsGivesEmptyDigitsNotTheWordTimeout()
    {
        var result = new TaskCompletionSource<AgiDigitsResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
            result.SetResult(await channel.GetDataAsync("main-menu", TimeSpan.FromSeconds(5), 1, ct)));

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("GET DATA main-menu 5000 1", "200 result= (timeout)\n");
        var digits = await result.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, digits.Digits);
        Assert.True(digits.TimedOut);
    }

    [Fact]
    public async Task RecordFileHangupIsAResultSoThePartialMessageIsKept()
    {
        var result = new TaskCompletionSource<AgiRecordResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
            result.SetResult(await channel.RecordFileAsync("/tmp/msg", "wav", "#", TimeSpan.FromMinutes(3), beep: true, silenceSeconds: 5, cancellationToken: ct)));

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync("RECORD FILE /tmp/msg wav # 180000 0 BEEP s=5", "200 result=-1 (hangup) endpos=24000\nHANGUP\n");
        var recorded = await result.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AgiRecordEnd.Hangup, recorded.EndedBy);
        Assert.Equal(24000, recorded.EndPosition);
    }

    [Fact]
    public async Task ACancelledCommandsReplyIsStillConsumedSoTheNextReplyIsNotShifted()
    {
        var clock = new DrivenClock();
        var result = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(200), clock);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.WaitForDigitAsync(TimeSpan.FromSeconds(5), shortWait.Token));
            firstCancelled.SetResult();
            result.SetResult(await channel.GetVariableAsync("X", ct));
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        Assert.Equal("WAIT FOR DIGIT 5000", await call.ReadCommandAsync());
        await clock.ElapseAsync(TimeSpan.FromMilliseconds(200));
        await firstCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The second command must wait for the first one's reply: nothing may be written meanwhile.
        await call.AssertNothingMoreAsync(TimeSpan.FromMilliseconds(200));
        await call.SendAsync("200 result=0\n");
        await call.ExpectAsync("GET VARIABLE X", "200 result=1 (late-but-right)\n");
        Assert.Equal("late-but-right", await result.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MultiLine520ReplyIsReadWholeAndTheSessionStaysInStep()
    {
        var results = new TaskCompletionSource<(Exception First, string? Second)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            var first = await Record.ExceptionAsync(() => channel.SetVariableAsync("A", "b", ct));
            results.SetResult((first!, await channel.GetVariableAsync("B", ct)));
        });

        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        await call.ExpectAsync(
            "SET VARIABLE A b",
            "520-Invalid command syntax.  Proper usage follows:\n Usage: SET VARIABLE <variablename> <value>\n\tSets a variable to the current channel.\n520 End of proper usage.\n");
        await call.ExpectAsync("GET VARIABLE B", "200 result=0\n");
        var (firstError, second) = await results.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var commandError = Assert.IsType<AgiCommandException>(firstError);
        Assert.Equal(520, commandError.Reply.Status);
        Assert.Equal(2, commandError.Reply.UsageLines.Count);
        Assert.Null(second);
    }

    [Fact]
    public async Task EnvironmentThatNeverEndsIsCutOffByTheTimeout()
    {
        var clock = new DrivenClock();
        var ran = false;
        await using var fixture = AgiServerFixture.Start(
            (_, _) =>
            {
                ran = true;
                return Task.CompletedTask;
            },
            options => options.Time = clock);

        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(fixture.EndPoint);
        await client.GetStream().WriteAsync("agi_network: yes\nagi_channel: PJSIP/x\n"u8.ToArray());
        await clock.ElapseAsync(new FastAgiServerOptions().EnvironmentTimeout);
        var buffer = new byte[16];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await client.GetStream().ReadAsync(buffer, cts.Token);
        Assert.Equal(0, read);
        Assert.False(ran);
        Assert.Contains(fixture.Diagnostics, d => d.Event == "AgiSessionFailed");
    }

    [Fact]
    public async Task ConnectionClosedBeforeTheEnvironmentEndsIsReportedAndCleanedUp()
    {
        await using var fixture = AgiServerFixture.Start((_, _) => Task.CompletedTask);
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(fixture.EndPoint);
            await client.GetStream().WriteAsync("agi_network: yes\n"u8.ToArray());
        }

        await WaitUntilAsync(() => fixture.Server.ActiveSessions == 0 && fixture.Server.AcceptedSessions == 1);
        Assert.Contains(fixture.Diagnostics, d => d.Event == "AgiSessionFailed");
    }

    [Fact]
    public async Task UnknownScriptIsClosedAtOnce()
    {
        await using var fixture = AgiServerFixture.Start((_, _) => Task.CompletedTask);
        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint, script: "nobody-home");
        Assert.True(await call.WaitForCloseAsync());
        Assert.Contains(fixture.Diagnostics, d => d.Event == "AgiNoRoute");
    }

    [Fact]
    public async Task RequestCarriesRouteQueryAndCallerFromTheEnvironment()
    {
        var request = new TaskCompletionSource<AgiRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new FastAgiServerOptions { Port = 0 };
        var router = new AgiRouter().Map("inbound", (channel, _) =>
        {
            request.SetResult(channel.Request);
            return Task.CompletedTask;
        });
        await using var server = FastAgiServer.Start(options, router);
        await using var call = await FakeAgiCall.ConnectAsync(server.LocalEndPoint, script: "inbound?did=%2B15550100", uniqueId: "1700000001.7");
        var seen = await request.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("inbound", seen.Script);
        Assert.Equal("+15550100", seen.Query["did"]);
        Assert.Equal("1700000001.7", seen.UniqueId);
        Assert.Equal("5551234567", seen.CallerIdNumber);
        Assert.Null(seen.CallerIdName);
        Assert.Equal(string.Empty, seen.Get("accountcode"));
    }

    [Fact]
    public async Task SessionDeadlineClosesASessionThatRunsTooLong()
    {
        var clock = new DrivenClock();
        await using var fixture = AgiServerFixture.Start(
            async (channel, ct) => await channel.WaitForDigitAsync(TimeSpan.FromMinutes(5), ct),
            options => options.Time = clock);
        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint);
        Assert.Equal("WAIT FOR DIGIT 300000", await call.ReadCommandAsync());
        await clock.ElapseAsync(new FastAgiServerOptions().MaxSessionDuration);
        Assert.True(await call.WaitForCloseAsync(TimeSpan.FromSeconds(10)));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time. " + describe?.Invoke());
            await Task.Delay(10);
        }
    }
}
