using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.IntegrationTests.Support;

namespace Ivr.Asterisk.IntegrationTests.Agi;

/// <summary>Needs a real Asterisk (scripts/asterisk start) and SIPp: calls go through PJSIP into our FastAGI server.</summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class FastAgiWithRealAsteriskTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SippCallReachesOurFastAgiServerWithItsEnvironment()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        var seen = new TaskCompletionSource<(AgiRequest Request, string? Exten)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestAgiServer.Start("env", async (channel, ct) =>
        {
            await channel.AnswerAsync(ct);
            seen.TrySetResult((channel.Request, await channel.GetFullVariableAsync("${EXTEN}", cancellationToken: ct)));

            // Stay until the caller hangs up, so the BYE comes from SIPp as its scenario expects.
            await channel.WaitForHangupAsync(TimeSpan.FromSeconds(15));
        });
        await using var sipp = Sipp.Call("uac-hangup.xml", "test-env");

        var (request, exten) = await seen.Task.WaitAsync(Wait);
        Assert.Equal("env", request.Script);
        Assert.StartsWith("PJSIP/sipp-", request.Channel);
        Assert.Matches(@"^\d+\.\d+$", request.UniqueId);
        // Test calls land in the test-only entry context (dialplan/extensions.conf), which includes the test routes.
        Assert.Equal("ivr-entry-test", request.Context);
        Assert.Equal("test-env", exten);
        Assert.Equal(0, await sipp.WaitAsync(Wait));
    }

    [Theory]
    [InlineData("uac-dtmf2833.xml")]
    [InlineData("uac-info.xml")]
    public async Task GetDataReturnsTheDigitsTheCallerSent(string scenario)
    {
        await RealAsterisk.HangUpLeftoversAsync();
        var digits = new TaskCompletionSource<AgiDigitsResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestAgiServer.Start("getdata", async (channel, ct) =>
        {
            await channel.AnswerAsync(ct);
            digits.TrySetResult(await channel.GetDataAsync("silence/1", TimeSpan.FromSeconds(8), 3, ct));
            await channel.HangupAsync(ct);
        });
        await using var sipp = Sipp.Call(scenario, "test-getdata");

        var result = await digits.Task.WaitAsync(Wait);
        Assert.Equal(SippScenarios.DigitsSent, result.Digits);
        await sipp.WaitAsync(Wait);
    }

    [Fact]
    public async Task CallerHangingUpDuringStreamFileEndsTheSessionWithAHangupAndLeavesNoChannel()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var server = TestAgiServer.Start("stream", async (channel, ct) =>
        {
            await channel.AnswerAsync(ct);
            try
            {
                // Long enough that the caller (who hangs up after ~2 s) is gone before it ends.
                await channel.StreamFileAsync("vm-instructions", string.Empty, ct);
                await channel.StreamFileAsync("vm-instructions", string.Empty, ct);
                outcome.TrySetResult(null);
            }
            catch (Exception exception)
            {
                outcome.TrySetResult(exception);
            }
        });
        await using var sipp = Sipp.Call("uac-hangup.xml", "test-stream");

        var error = await outcome.Task.WaitAsync(Wait);
        Assert.IsType<AgiHangupException>(error);
        Assert.Equal(0, await sipp.WaitAsync(Wait));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami);
    }
}
