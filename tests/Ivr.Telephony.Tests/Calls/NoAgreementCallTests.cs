using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>
/// Needs nothing but a temporary database: a patient's call to a practice with no business associate
/// agreement recorded, met by an in-memory Asterisk that presses 1 at every question.
/// </summary>
public sealed class NoAgreementCallTests
{
    private const string Caller = "5551234567";
    private const string Number = "15550300";
    private const string Fallback = "PJSIP/sipp/sip:fallback@127.0.0.1:5090";

    [Fact]
    public async Task ACallerOfAPracticeWithoutAnAgreementHearsTheEmergencyInstructionIsPutThroughToItsFallbackAndNothingOfThemIsKept()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Unsigned() with { EmergencyFallbackDial = Fallback }, "test");
        var logger = new ListLogger<InboundCallHandler>();
        await using var agi = Calling();

        await InboundHandlers.For(service, logger).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(
        [
            "SET VARIABLE IVR_NO_AGREEMENT 1",
            $"SET VARIABLE IVR_NO_AGREEMENT_DIAL {Fallback}",
            "ANSWER",
            "STREAM FILE ivr/emergency \"\"",
            $"EXEC Dial {Fallback},30",
            "SET VARIABLE IVR_COMPLETED 1",
        ], agi.Commands);
        await AssertNothingOfTheCallerKeptAsync(service, logger, "then put through to the practice's emergency fallback");
    }

    [Fact]
    public async Task WithoutAFallbackTheCallerHearsTheEmergencyInstructionAndTheCallEndsWithoutTheSafetyNet()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Unsigned(), "test");
        var logger = new ListLogger<InboundCallHandler>();
        await using var agi = Calling();

        await InboundHandlers.For(service, logger).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.Equal(["SET VARIABLE IVR_NO_AGREEMENT 1", "ANSWER", "STREAM FILE ivr/emergency \"\"", "SET VARIABLE IVR_COMPLETED 1"], agi.Commands);
        await AssertNothingOfTheCallerKeptAsync(service, logger, "then hung up");
    }

    [Fact]
    public async Task OnceTheAgreementIsRecordedTheSamePracticesCallIsAnswered()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Unsigned() with { Agreement = TestAgreements.Signed }, "test");
        var logger = new ListLogger<InboundCallHandler>();
        var progress = new StartedSessions();
        await using var agi = Calling();

        await InboundHandlers.For(service, logger, progress).HandleAsync(agi.Channel, CancellationToken.None);

        Assert.DoesNotContain(agi.Commands, c => c.Contains("IVR_NO_AGREEMENT", StringComparison.Ordinal));
        Assert.Contains("STREAM FILE ivr/greeting-default \"\"", agi.Commands);
        Assert.Equal(Caller, (await service.Get<ICallRecordStore>().ListAsync(10)).Single().CallerId);
        // The caller's channel goes with the call, as for any answered call: the desk takes that channel out of the caller's room.
        Assert.Equal(ScriptedAgi.ChannelName, Assert.Single(progress.Sessions).ChannelName);
    }

    private static async Task AssertNothingOfTheCallerKeptAsync(PortalUnderTest service, ListLogger<InboundCallHandler> logger, string next)
    {
        var call = (await service.Get<ICallRecordStore>().ListAsync(10)).Single();
        Assert.Equal(("unsigned-clinic", CallOutcomes.Word(CallOutcome.NoAgreement)), (call.PracticeId, call.Outcome));
        Assert.Null(call.CallerId);
        Assert.Contains(next, call.OutcomeDetail);
        Assert.Empty(await service.Get<IMessageStore>().ListAsync(10));
        Assert.Empty(await service.Get<IMessageStore>().ForCallAsync(call.Id));
        Assert.Contains(logger.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("unsigned-clinic", StringComparison.Ordinal) && l.Contains("no business associate agreement", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains(Caller, StringComparison.Ordinal) || l.Contains("4567", StringComparison.Ordinal));
        var recordings = Path.Combine(service.Directory, "recordings");
        Assert.False(Directory.Exists(recordings) && Directory.EnumerateFiles(recordings, "*", SearchOption.AllDirectories).Any());
    }

    /// <summary>Asterisk's side of the call: the caller's number known, 1 pressed at every question, the safety net's check left to the dialplan.</summary>
    private static ScriptedAgi Calling() =>
        new($"inbound?did={Number}", command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, "1700000000.77", Caller);


    private sealed class StartedSessions : ICallProgress
    {
        public List<CallSession> Sessions { get; } = [];

        public void Started(CallSession session) => Sessions.Add(session);

        public void Entered(CallSession session, CallState state)
        {
        }

        public void Ended(CallSession session)
        {
        }
    }

    private static Practice Unsigned() => new()
    {
        Id = "unsigned-clinic",
        Name = "Unsigned Clinic",
        TimeZone = "America/Chicago",
        Numbers = [Number],
        Coverage = CoverageMode.AlwaysOn,
    };
}
