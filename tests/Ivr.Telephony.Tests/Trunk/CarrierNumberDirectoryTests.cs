using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Tests.Support;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Trunk;

/// <summary>
/// Needs nothing but a temporary database: a practice's number as a carrier sends it (E.164, without its '+', national,
/// after an international prefix) finds the practice however its file wrote it; a number of no practice is still answered.
/// </summary>
public sealed class CarrierNumberDirectoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("(312) 555-0100", "+13125550100")]
    [InlineData("(312) 555-0100", "13125550100")]
    [InlineData("(312) 555-0100", "3125550100")]
    [InlineData("+1 312 555 0100", "3125550100")]
    [InlineData("(312) 555-0100", "0113125550100")]
    public async Task AUsPracticesNumberIsFoundAsTheCarrierSendsIt(string written, string dialed)
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Practice("riverside", written), "test");

        var route = await service.Get<IPracticeDirectory>().RouteAsync(dialed, Now);

        Assert.Equal("riverside", route.Practice.Id);
    }

    [Theory]
    [InlineData("+44 20 7946 0958", "02079460958")]
    [InlineData("+44 20 7946 0958", "442079460958")]
    [InlineData("020 7946 0958", "+442079460958")]
    [InlineData("020 7946 0958", "442079460958")]
    [InlineData("020 7946 0958", "00442079460958")]
    public async Task ANumberOfAnotherRegionIsFoundInTheTrunksRegionWhicheverWayEitherSideWroteIt(string written, string dialed)
    {
        await using var service = await PortalUnderTest.StartAsync("--Trunk:Region=GB");
        await service.Get<IPracticeStore>().SaveAsync(Practice("thames", written), "test");

        var route = await service.Get<IPracticeDirectory>().RouteAsync(dialed, Now);

        Assert.Equal("thames", route.Practice.Id);
    }

    [Theory]
    [InlineData("+13125550199")]
    [InlineData("0")]
    [InlineData("ivr-service")]
    public async Task ANumberOfNoPracticeIsStillAnsweredByTheServicesOwnGreeting(string dialed)
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Practice("riverside", "(312) 555-0100"), "test");

        var route = await service.Get<IPracticeDirectory>().RouteAsync(dialed, Now);

        Assert.Equal(PracticeDirectory.UnknownPracticeId, route.Practice.Id);
        Assert.Equal("greeting-default", route.Practice.GreetingPromptId);
        Assert.Contains($"number {dialed} belongs to no practice", route.Coverage.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ANumberIsOnlyTriedInSpellingsThatFindDifferentPractices() =>
        Assert.Equal(["+13125550100"], CarrierNumbers.Spellings("+13125550100", "US"));

    [Fact]
    public async Task APatientsCallFromTheCarrierIsRecordedForThePracticeWithTheNumberAsDialled()
    {
        await using var service = await PortalUnderTest.StartAsync();
        await service.Get<IPracticeStore>().SaveAsync(Practice("riverside", "(312) 555-0100") with { Agreement = TestAgreements.Signed }, "test");
        await using var agi = new ScriptedAgi("inbound?did=%2B13125550100", command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, "1700000000.91", "5551234567");

        await new InboundCallHandler(
            service.Get<CallDependencies>(),
            service.Get<IOptions<RecordingOptions>>(),
            service.Get<IOptions<ConferenceOptions>>(),
            service.Get<IRecordingSealer>(),
            service.Get<Ivr.Telephony.Prompts.PromptSounds>(),
            NullLogger<InboundCallHandler>.Instance).HandleAsync(agi.Channel, CancellationToken.None);

        var call = (await service.Get<ICallRecordStore>().ListAsync(10)).Single();
        Assert.Equal(("riverside", "+13125550100"), (call.PracticeId, call.DialedNumber));
        Assert.Contains("STREAM FILE ivr/greeting-riverside \"\"", agi.Commands);
    }

    private static Practice Practice(string id, string number) => new()
    {
        Id = id,
        Name = id,
        TimeZone = "America/Chicago",
        Numbers = [number],
        Coverage = CoverageMode.AlwaysOn,
        GreetingPromptId = "greeting-" + id,
    };
}
