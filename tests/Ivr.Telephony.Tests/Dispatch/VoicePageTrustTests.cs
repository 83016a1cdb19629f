using Ivr.Asterisk.Agi;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary database: the service's own AGI scripts, as its host maps them, meet
/// an in-memory Asterisk that presses 1 at every question, as a local process posing as Asterisk would.
/// </summary>
public sealed class VoicePageTrustTests
{
    private const string Callback = "5559876543";

    [Fact]
    public async Task APageScriptForAChannelTheServiceDidNotOriginateHearsNothingAndCannotAcknowledge()
    {
        await using var service = await PortalUnderTest.StartAsync();
        var (messageId, attemptId) = await PageAsync(service);
        await using var agi = PressingOne($"page?attempt={attemptId}", OriginatedChannels.Page(attemptId));

        await RunAsync(service, agi);

        Assert.Equal(["HANGUP"], agi.Commands);
        Assert.Equal(MessageStatus.Received, (await service.Get<IMessageStore>().GetAsync(messageId))!.Status);
        Assert.Null((await service.Get<IDispatchStore>().AttemptAsync(attemptId))!.EndedAt);
    }

    [Fact]
    public async Task APageScriptForAnotherAttemptsChannelHearsNothingEvenWhileThatPageIsPending()
    {
        await using var service = await PortalUnderTest.StartAsync();
        var (messageId, attemptId) = await PageAsync(service);
        var (_, otherAttempt) = await PageAsync(service);
        using var pending = service.Get<PendingOriginations>().Expect(OriginatedChannels.Page(otherAttempt));
        await using var agi = PressingOne($"page?attempt={attemptId}", OriginatedChannels.Page(otherAttempt));

        await RunAsync(service, agi);

        Assert.Equal(["HANGUP"], agi.Commands);
        Assert.Equal(MessageStatus.Received, (await service.Get<IMessageStore>().GetAsync(messageId))!.Status);
    }

    [Fact]
    public async Task ThePageTheServiceOriginatedAndWaitsForHearsTheCallbackAndAcknowledges()
    {
        await using var service = await PortalUnderTest.StartAsync();
        var (messageId, attemptId) = await PageAsync(service);
        using var pending = service.Get<PendingOriginations>().Expect(OriginatedChannels.Page(attemptId));
        await using var agi = PressingOne($"page?attempt={attemptId}", OriginatedChannels.Page(attemptId));

        await RunAsync(service, agi);

        Assert.Contains($"SAY DIGITS {Callback} \"\"", agi.Commands);
        Assert.Equal(MessageStatus.Acknowledged, (await service.Get<IMessageStore>().GetAsync(messageId))!.Status);
    }

    [Theory]
    [InlineData("inbound?did=15550100", "../../etc/passwd")]
    [InlineData("inbound?did=15550100", "1700000000.1*")]
    [InlineData("inbound?did=15550100", "1700000000.1\nagi_x: y")]
    [InlineData("inbound?did=15550100", "")]
    [InlineData("page?attempt=1", "page-1/../x")]
    [InlineData("physician?room=ivr-1700000000.1&attempt=1", "ivr-1700000000.1-leg1 ")]
    [InlineData("inbound?did=15550100", "../a1-1700000000.1")]
    [InlineData("inbound?did=15550100", "a1/b-1700000000.1")]
    [InlineData("inbound?did=15550100", "-1700000000.1")]
    public async Task ASessionWithAMalformedUniqueIdIsHungUpBeforeItsScriptRuns(string script, string uniqueId)
    {
        await using var service = await PortalUnderTest.StartAsync();
        await using var agi = PressingOne(script, uniqueId);

        await RunAsync(service, agi);

        Assert.Equal(["HANGUP"], agi.Commands);
        Assert.Empty(await service.Get<ICallRecordStore>().ListAsync(10));
    }

    [Theory]
    [InlineData("1700000000.12")]
    [InlineData("ivr-1700000000.12-leg3")]
    [InlineData("page-42")]
    [InlineData("ivr-a1-1700000000.12")]
    [InlineData("ivr-ivr-a1-1700000000.12-leg3")]
    [InlineData("desk-ivr-a2-1700000000.12-op1")]
    public void TheIdsAsteriskAndTheServiceMakeAreWellFormed(string uniqueId) => Assert.True(OriginatedChannels.IsWellFormed(uniqueId));

    private static async Task<(long MessageId, long AttemptId)> PageAsync(PortalUnderTest service)
    {
        var messageId = await service.SeedMessageAsync(PortalUnderTest.PracticeA, Urgency.Urgent, callback: Callback, withRecording: false);
        var attemptId = await service.Get<IDispatchStore>().StartAttemptAsync(messageId, 0, DispatchChannels.Voice, "dr-lee", DateTimeOffset.UtcNow);
        return (messageId, attemptId);
    }

    private static ScriptedAgi PressingOne(string script, string uniqueId) =>
        new(script, command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, uniqueId);

    private static Task RunAsync(PortalUnderTest service, ScriptedAgi agi)
    {
        var handler = service.Get<AgiRouter>().Resolve(agi.Channel.Request);
        Assert.NotNull(handler);
        return handler(agi.Channel, CancellationToken.None);
    }
}
