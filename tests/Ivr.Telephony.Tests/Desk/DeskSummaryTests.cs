using Ivr.Asterisk.Ami;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Desk;
using Ivr.Telephony.Hosting;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs a temporary database, no Asterisk: the desk service itself (its operator's leg on a scripted FastAGI session, a
/// dialer whose clinician presses 1, the clock faked) leaves the clinician who took a patch one summary when the call is
/// let go, whichever of the caller's line and the operator's release comes last, and writes it on the call's timeline.
/// </summary>
public sealed class DeskSummaryTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    [Fact]
    public async Task WhenTheCallersLineEndsLastTheClinicianGetsOneSummaryAndTheTimelineNamesTheOperatorAndTheClinician()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();
        Assert.True((await desk.Service.PatchAsync("sam")).Done);
        await desk.PatchedAsync();
        var joined = desk.Clock.GetUtcNow();

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await leg.DropAsync();
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        Assert.Empty(await desk.SummariesAsync());
        desk.Clock.Advance(TimeSpan.FromMinutes(6));
        await desk.Service.RoomEmptiedAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);

        var summary = Assert.Single(await desk.SummariesAsync());
        Assert.Equal((Urgency.Routine, "riverside", "5551230000"), (summary.Urgency, summary.PracticeId, summary.CallerId));
        Assert.Equal(new PatchSummary("dr-1", "sam", desk.CameIn, joined, TimeSpan.FromMinutes(7), null, null), summary.Summary);
        var timeline = Assert.Single(await desk.TimelineAsync(), e => e.Name == "desk-summary");
        Assert.Equal($"summary message {summary.Id} sent to dr-1, of the call operator sam patched", timeline.Detail);
        Assert.Equal(desk.Clock.GetUtcNow(), timeline.At);
    }

    [Fact]
    public async Task ANurseAtTheDeskIsOfferedNoOperatorCallButTheOperatorsTransferPutsTheCallerOnTheNurseLineForHer()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
        Assert.Equal(OperatorStatus.Available, desk.Service.View("garcia").Status);
        Assert.Null(desk.Service.View("garcia").Call);
        Assert.True(desk.Service.NursesStaffed);

        var leg = await desk.AnswerAsync();
        var transfer = await desk.Service.TransferAsync("sam", DeskTransferTarget.Nurse);

        Assert.True(transfer.Done, transfer.Refusal);
        var standing = desk.Service.Standing(desk.CallId);
        Assert.Equal((DeskStage.Waiting, DeskLine.Nurses, 1), (standing.Stage, standing.Line, standing.Position));
        Assert.Equal((OperatorStatus.WrapUp, null), (desk.Service.View("sam").Status, desk.Service.View("sam").Call));
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("garcia").Status);
        Assert.Equal(desk.CallId, desk.Service.View("garcia").Call?.CallId);
        Assert.Equal(DeskLine.Nurses, Assert.Single(desk.Service.Floor().Waiting).Line);

        var nurse = await desk.AnswerAsync("garcia", offer: 2);
        Assert.Equal((DeskStage.WithOperator, "nurse garcia took the call"), (desk.Service.Standing(desk.CallId).Stage, desk.Service.Standing(desk.CallId).Detail));
        var timeline = await desk.TimelineAsync();
        Assert.Contains(timeline, e => e.Name == "desk-transfer" && e.Detail == "operator sam transferred the caller to the nurse line");
        Assert.Contains(timeline, e => e.Name == "desk-offered" && e.Detail == "offered to nurse garcia");
        Assert.Contains(timeline, e => e.Name == "desk-answered" && e.Detail.StartsWith("nurse garcia answered", StringComparison.Ordinal));

        // The operator's line leaving the room after the transfer changes nothing for the caller, who is the nurse's.
        await leg.DropAsync();
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);
        Assert.True((await desk.Service.ReleaseAsync("garcia")).Done);
        await nurse.DropAsync();
    }

    [Fact]
    public async Task WithNoNurseAtTheDeskTheOperatorsTransferIsRefusedAndTheOperatorKeepsTheCaller()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();

        var transfer = await desk.Service.TransferAsync("sam", DeskTransferTarget.Nurse);

        Assert.False(transfer.Done);
        Assert.Contains("No nurse is at the desk", transfer.Refusal, StringComparison.Ordinal);
        Assert.False(desk.Service.NursesStaffed);
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);
        Assert.Equal(DeskLine.Operators, desk.Service.Standing(desk.CallId).Line);
        Assert.True(desk.Service.View("sam").Call is { Answered: true });
        Assert.DoesNotContain(await desk.TimelineAsync(), e => e.Name == "desk-transfer");
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        await leg.DropAsync();
    }

    [Fact]
    public async Task WhenTheOperatorReleasesAfterTheCallerLeftTheSummaryNamesTheMessageTheyTypedAndItsReason()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();
        var saved = await desk.Service.SaveMessageAsync("sam", new DeskMessageForm("Maria Gomez", "Ava Gomez", "2021-03-04", "555 987 6543", true, "Fever of 103 since noon", Urgency.Urgent, ""));
        Assert.True((await desk.Service.PatchAsync("sam")).Done);
        await desk.PatchedAsync();
        var joined = desk.Clock.GetUtcNow();

        desk.Clock.Advance(TimeSpan.FromMinutes(4));
        await desk.Service.RoomEmptiedAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);
        Assert.Empty(await desk.SummariesAsync());
        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        await leg.DropAsync();

        var summary = Assert.Single(await desk.SummariesAsync());
        Assert.Equal(new PatchSummary("dr-1", "sam", desk.CameIn, joined, TimeSpan.FromMinutes(4), saved.MessageId, "Fever of 103 since noon"), summary.Summary);
        Assert.Equal(desk.Clock.GetUtcNow(), summary.ReceivedAt);
        Assert.Single(await desk.TimelineAsync(), e => e.Name == "desk-summary" && e.Detail.Contains("sent to dr-1", StringComparison.Ordinal));
    }

    /// <summary>The desk service over the temporary service's stores, a faked clock, and a dialer whose first contact accepts.</summary>
    private sealed class DeskUnderTest : IAsyncDisposable
    {
        private readonly TempService _service;

        private DeskUnderTest(TempService service, DeskService desk, FakeTimeProvider clock, long callRecordId)
        {
            _service = service;
            Service = desk;
            Clock = clock;
            CallRecordId = callRecordId;
        }

        public DeskService Service { get; }

        public FakeTimeProvider Clock { get; }

        public long CallRecordId { get; }

        public string CallId => "1764558000.21";

        public DateTimeOffset CameIn => Night;

        public static async Task<DeskUnderTest> StartAsync()
        {
            var service = await new TempService().MigratedAsync();
            var clock = new FakeTimeProvider(Night.AddMinutes(1));
            var practices = service.Get<IPracticeStore>();
            await practices.SaveAsync(Practice, "test");
            var calls = service.Get<ICallRecordStore>();
            var callRecordId = await calls.StartAsync(new CallRecord { UniqueId = "1764558000.21", PracticeId = "riverside", DialedNumber = "15550100", CallerId = "5551230000", StartedAt = Night });
            var desk = new DeskService(
                // No AMI secret: nothing connects, and the test takes no path that needs Asterisk.
                new AsteriskServers(new AmiConnectionService(Options.Create(new AmiClientOptions()), new AsteriskDiagnosticsLogger(NullLogger<AsteriskDiagnosticsLogger>.Instance), NullLogger<AmiConnectionService>.Instance)),
                service.Get<AgiScriptUrl>(),
                new AcceptingDialer(),
                practices,
                service.Get<IPracticeDirectory>(),
                new OneOperator(),
                calls,
                service.Get<IMessageStore>(),
                service.Get<IDeskLog>(),
                new GreetingRenderer(Options.Create(new PromptsOptions { SoundsDirectory = Path.Combine(service.Directory, "no-sounds") }), NullLogger<GreetingRenderer>.Instance),
                Options.Create(new DeskOptions()),
                clock,
                NullLogger<DeskService>.Instance);
            Assert.True((await desk.SetStatusAsync("sam", OperatorStatus.Available, null)).Done);
            // No caller channel: the desk has no timed wait to take the caller out of.
            await desk.JoinAsync(new DeskCaller("1764558000.21", callRecordId, Practice.ToProfile(), "5551230000", string.Empty, "ivr-1764558000.21", DeskPriority.Routine, [], Night.AddMinutes(1)));
            return new DeskUnderTest(service, desk, clock, callRecordId);
        }

        /// <summary>The operator's (or nurse's) phone answers offer <paramref name="offer"/> and sits in the caller's room until <see cref="OperatorLeg.DropAsync"/>.</summary>
        public async Task<OperatorLeg> AnswerAsync(string name = "sam", int offer = 1)
        {
            var leg = new OperatorLeg(OriginatedChannels.Desk(CallId, offer), offer);
            var handler = new OperatorLegHandler(Service, Options.Create(new ConferenceOptions()), NullLogger<OperatorLegHandler>.Instance);
            leg.Running = handler.HandleAsync(leg.Agi.Channel, CancellationToken.None);
            await UntilAsync(() => Service.View(name).Call is { Answered: true });
            return leg;
        }

        public Task PatchedAsync() => UntilAsync(() => Service.Standing(CallId).ClinicianId is not null);

        public async Task<IReadOnlyList<PatientMessage>> SummariesAsync() =>
            (await _service.Get<IMessageStore>().ForCallAsync(CallRecordId)).Where(m => m.Summary is not null).ToList();

        public Task<IReadOnlyList<CallEvent>> TimelineAsync() => _service.Get<ICallRecordStore>().EventsAsync(CallRecordId);

        public ValueTask DisposeAsync() => _service.DisposeAsync();

        /// <summary>Waits on the desk's own change signal (no clock) until <paramref name="done"/> holds.</summary>
        private async Task UntilAsync(Func<bool> done)
        {
            while (true)
            {
                var changed = Service.Changed;
                if (done())
                {
                    return;
                }

                await changed.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>An operator's answered phone on a scripted FastAGI session: the ConfBridge command blocks until the line drops.</summary>
    private sealed class OperatorLeg
    {
        private readonly ManualResetEventSlim _drop = new();

        public OperatorLeg(string uniqueId, int offer)
        {
            Agi = new ScriptedAgi(
                $"operator?call=1764558000.21&offer={offer}",
                line =>
                {
                    if (line.StartsWith("EXEC ConfBridge", StringComparison.Ordinal))
                    {
                        _drop.Wait(TimeSpan.FromSeconds(30));
                        return "200 result=-1";
                    }

                    return null;
                },
                uniqueId);
        }

        public ScriptedAgi Agi { get; }

        public Task Running { get; set; } = Task.CompletedTask;

        public async Task DropAsync()
        {
            _drop.Set();
            await Running.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private sealed class AcceptingDialer : IPhysicianDialer
    {
        public async Task<OnCallContact?> DialChainAsync(DialRequest request, Func<BridgeLeg, Task> onLeg, CancellationToken cancellationToken)
        {
            var contact = request.Chain[0];
            await onLeg(new BridgeLeg(1, contact.ClinicianId, Night, Night, "accepted", "pressed 1"));
            return contact;
        }

        public Task ClearRoomAsync(string room, bool callerMayStillBeJoining, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class OneOperator : IOperatorStore
    {
        public Task SetPhoneAsync(long userId, string? phone, DateTimeOffset at, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<OperatorAccount>>([new OperatorAccount(1, "sam", false, "PJSIP/sam"), new OperatorAccount(2, "garcia", false, "PJSIP/garcia", IsNurse: true)]);
    }

    private static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new(new TimeOnly(8, 0), new TimeOnly(17, 0))])),
        Clinicians =
        [
            new Clinician("dr-1", "Doctor One", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr1", true), new ContactMethod(ContactKind.Email, "dr1@example.org", true)]),
        ],
        Rotations = [new Rotation("primary", Layers.Primary, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-1"])],
        Agreement = TestAgreements.Signed,
    };
}
