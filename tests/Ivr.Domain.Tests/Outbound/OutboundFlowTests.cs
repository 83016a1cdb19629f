using Ivr.Domain.Flow;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Outbound;

public sealed class OutboundFlowTests
{
    // 10:00 in New York on a Tuesday: inside the window.
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryCampaignStore _store = new();

    [Fact]
    public async Task PersonWhoPressesOneHearsThePracticeAndTheWordsThenIsConfirmedAndNeverCalledAgain()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('1'));

        Assert.Equal(["amd HUMAN", "play person", $"play {PromptIds.OutboundMenu}", "press 1", $"play {PromptIds.OutboundConfirmed}", "hang up"], patient.Log);
        Assert.Equal(AttemptResult.Confirmed, session.Result);
        var attempt = Assert.Single(_store.Attempts);
        Assert.Equal(("HUMAN", "HUMAN-1-1", AttemptResult.Confirmed), (attempt.AmdStatus, attempt.AmdCause, attempt.Result));
        var record = await _store.PatientAsync(session.Patient.Id);
        Assert.Equal(PatientProgress.Confirmed, record!.Progress);
        Assert.Null(record.NextAt);
    }

    [Fact]
    public async Task MachineGetsTheVoicemailOnlyAfterItsGreetingEndsAndIsCalledAgainLater()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient { Amd = new AmdVerdict("MACHINE", "LONGGREETING-2000-1500") });

        Assert.Equal(["amd MACHINE", "wait for silence", "play voicemail", "hang up"], patient.Log);
        Assert.Equal(AttemptResult.VoicemailLeft, session.Result);
        var record = await _store.PatientAsync(session.Patient.Id);
        Assert.Equal(PatientProgress.VoicemailLeft, record!.Progress);
        Assert.Equal(Now + RetryRules.Default.WaitBefore(1), record.NextAt);
        Assert.Equal(("MACHINE", "LONGGREETING-2000-1500"), (_store.Attempts[0].AmdStatus, _store.Attempts[0].AmdCause));
    }

    [Fact]
    public async Task AmdNotSureIsTreatedAsAPersonSoNobodyMissesTheMessage()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('1') { Amd = new AmdVerdict("NOTSURE", "TOOLONG-5000") });

        Assert.Equal("play person", patient.Log[1]);
        Assert.Equal(AttemptResult.Confirmed, session.Result);
    }

    [Fact]
    public async Task TwoPlaysTheMessageAgainAndAPersonWhoNeverConfirmsIsCalledAgain()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('2', null, null, null));

        Assert.Equal(2, patient.Log.Count(l => l == "play person"));
        Assert.Equal(AttemptResult.HeardNotConfirmed, session.Result);
        Assert.Equal(PatientProgress.Trying, (await _store.PatientAsync(session.Patient.Id))!.Progress);
        Assert.Equal("heard the message, pressed nothing that confirms", _store.Attempts[0].Detail);
    }

    [Fact]
    public async Task EightStopsTheCallsAtOnceForEveryCampaignOfThePractice()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('8'));

        Assert.Equal(AttemptResult.OptedOut, session.Result);
        Assert.Contains($"play {PromptIds.OutboundOptedOut}", patient.Log);
        Assert.Equal(Now, await _store.OptedOutAtAsync("riverside", "+12125550100"));
        Assert.Equal(PatientProgress.OptedOut, (await _store.PatientAsync(session.Patient.Id))!.Progress);
    }

    [Fact]
    public async Task HangingUpDuringTheMessageLeavesThePatientToBeCalledAgain()
    {
        var (session, _) = await CallAsync(new ScriptedPatient { HangUpDuringPrompt = "person" });

        Assert.Equal(AttemptResult.HeardNotConfirmed, session.Result);
        Assert.Equal("hung up before the message was heard", _store.Attempts[0].Detail);
        Assert.Equal(PatientProgress.Trying, (await _store.PatientAsync(session.Patient.Id))!.Progress);
    }

    [Fact]
    public async Task TheOpenTimesComeFromTheSlotSourceTheFlowIsGiven()
    {
        var slots = new (DateTime, string?)[]
        {
            (new DateTime(2026, 12, 10, 9, 0, 0), "dr-1"),
            (new DateTime(2026, 12, 11, 9, 0, 0), "dr-1"),
        };
        var (session, patient) = await CallAsync(new ScriptedPatient('3', '1', '1'), CampaignKind.Reschedule, slots, source: new OnlyLater(_store));

        Assert.Equal([2L], session.Offered.Select(s => s.Id));
        Assert.Equal(AttemptResult.Rescheduled, session.Result);
        Assert.Equal(2, (await _store.PatientAsync(session.Patient.Id))!.SlotId);
    }

    [Fact]
    public async Task ThreeOffersTheFirstThreeOpenTimesThatFitTheirOwnClinicianFirstAndBooksTheOneReadBackAndConfirmed()
    {
        var slots = new (DateTime, string?)[]
        {
            (new DateTime(2026, 12, 8, 9, 0, 0), "dr-1"), // already past on the practice's clock
            (new DateTime(2026, 12, 9, 9, 0, 0), "dr-2"),
            (new DateTime(2026, 12, 10, 9, 0, 0), "dr-1"),
            (new DateTime(2026, 12, 11, 9, 0, 0), "dr-1"),
            (new DateTime(2026, 12, 12, 9, 0, 0), "dr-1"),
        };
        var (session, patient) = await CallAsync(new ScriptedPatient('3', '2', '1'), CampaignKind.Reschedule, slots);

        Assert.Equal(
            ["say time 2026-12-10 09:00", "say time 2026-12-11 09:00", "say time 2026-12-12 09:00", "say time 2026-12-11 09:00", "say time 2026-12-11 09:00"],
            patient.Log.Where(l => l.StartsWith("say time", StringComparison.Ordinal)));
        Assert.Equal(AttemptResult.Rescheduled, session.Result);
        var record = await _store.PatientAsync(session.Patient.Id);
        Assert.Equal(PatientProgress.Rescheduled, record!.Progress);
        Assert.Equal(4, record.SlotId);
        Assert.DoesNotContain(await _store.OpenSlotsAsync(session.Campaign.Id), s => s.Id == 4);
    }

    [Fact]
    public async Task WhenAnotherPatientTakesTheChosenTimeFirstThePatientHearsSoAndBooksOneOfTheRest()
    {
        var slots = new (DateTime, string?)[] { (new DateTime(2026, 12, 9, 9, 0, 0), null), (new DateTime(2026, 12, 9, 10, 0, 0), null) };
        InMemoryCampaignStore? store = null;
        var patient = new ScriptedPatient('3', '1', '1', '1', '1')
        {
            // Just before the patient confirms the first time, another patient books it.
            BeforeKey = asked => { if (asked == 3) { store!.TakeFromUnder(1, 99); } },
        };
        store = _store;
        var (session, _) = await CallAsync(patient, CampaignKind.Reschedule, slots);

        Assert.Contains($"play {PromptIds.OutboundSlotTaken}", patient.Log);
        Assert.Equal(AttemptResult.Rescheduled, session.Result);
        Assert.Equal(2, (await _store.PatientAsync(session.Patient.Id))!.SlotId);
    }

    [Fact]
    public async Task NoOpenTimeThatFitsPutsThePatientOnTheOfficesList()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('3'), CampaignKind.Reschedule, []);

        Assert.Contains($"play {PromptIds.OutboundNoSlots}", patient.Log);
        Assert.Equal(AttemptResult.NeedsOfficeCall, session.Result);
        Assert.Equal(PatientProgress.NeedsOfficeCall, (await _store.PatientAsync(session.Patient.Id))!.Progress);
    }

    [Fact]
    public async Task ThreeIsNotAChoiceOnACancellationCall()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('3', '3', '3'));

        Assert.Equal(3, patient.Log.Count(l => l == $"play {PromptIds.OutboundMenu}"));
        Assert.DoesNotContain(patient.Log, l => l.Contains("slot", StringComparison.Ordinal));
        Assert.Equal(AttemptResult.HeardNotConfirmed, session.Result);
    }

    [Fact]
    public async Task ZeroPutsThePatientThroughToTheOfficeLineAndKeepsThemOnTheOfficesList()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('0'), office: new OfficeLine("PJSIP/front-desk", TimeSpan.FromSeconds(20)));

        Assert.Contains("ring office PJSIP/front-desk", patient.Log);
        Assert.Equal(AttemptResult.NeedsOfficeCall, session.Result);
        Assert.Equal("pressed 0: put through to the office line", _store.Attempts[0].Detail);
    }

    [Fact]
    public async Task ZeroWithoutAnOfficeLineTellsThePatientTheOfficeWillCall()
    {
        var (session, patient) = await CallAsync(new ScriptedPatient('0'));

        Assert.Contains($"play {PromptIds.OutboundOfficeCalls}", patient.Log);
        Assert.Equal(AttemptResult.NeedsOfficeCall, session.Result);
    }

    [Fact]
    public void EveryPromptTheCallPlaysIsAKnownPrompt()
    {
        var ids = PromptIds.All.ToHashSet();
        foreach (var id in new[] { PromptIds.OutboundMenu, PromptIds.OutboundMenuReschedule, PromptIds.OutboundSlotPress(1), PromptIds.OutboundSlotPress(2), PromptIds.OutboundSlotPress(3) })
        {
            Assert.Contains(id, ids);
        }
    }

    /// <summary>The flow with the slot source a practice whose EHR books gets (its free Slots, booked there).</summary>
    internal Task<(OutboundSession Session, ScriptedPatient Patient)> CallWithEhrAsync(ScriptedPatient patient, Ivr.Domain.Ehr.IEhrLink ehr, IReadOnlyList<(DateTime At, string? Clinician)>? typed = null) =>
        CallAsync(patient, CampaignKind.Reschedule, typed, source: EhrSource(ehr));

    internal EhrCampaignSlots EhrSource(Ivr.Domain.Ehr.IEhrLink ehr)
    {
        var practice = Support.Practices.NewYork() with
        {
            Id = "riverside",
            Ehr = new Ivr.Domain.Ehr.EhrSettings { BaseUrl = new Uri("https://ehr.example/fhir"), Level = Ivr.Domain.Ehr.EhrLevel.Book, Schedules = ["dr-1"] },
        };
        return new EhrCampaignSlots(_store, new InMemoryPracticeStore(practice), ehr, new OutboundOptions(), _time);
    }

    internal InMemoryCampaignStore Store => _store;

    private async Task<(OutboundSession Session, ScriptedPatient Patient)> CallAsync(
        ScriptedPatient patient,
        CampaignKind kind = CampaignKind.Cancellation,
        IReadOnlyList<(DateTime At, string? Clinician)>? slots = null,
        OfficeLine? office = null,
        ICampaignSlotSource? source = null)
    {
        var campaign = new Campaign
        {
            PracticeId = "riverside",
            Title = "Dr. One out Friday",
            Kind = kind,
            Words = "Your appointment on Friday is cancelled.",
            CallbackNumber = "2125550199",
            TimeZone = "America/New_York",
            EndsBy = Now.AddDays(7),
            CreatedBy = "admin",
        };
        slots ??= [];
        var id = await _store.CreateAsync(campaign, [new CampaignPatient(2, "Ana Diaz", "+12125550100", null, null, "dr-1")], [.. slots.Select(s => s.At)], [.. slots.Select(s => s.Clinician)]);
        await _store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, Now);
        Assert.True(await _store.ClaimAsync(1, "test", Now, Now.AddMinutes(5)));
        var attemptId = await _store.StartAttemptAsync(1, Now, CallingDecision.Now("inside the window"));
        var practice = office is null ? null : Support.Practices.NewYork() with { Id = "riverside", Office = office };
        var session = new OutboundSession((await _store.AttemptAsync(attemptId))!, (await _store.PatientAsync(1))!, (await _store.GetAsync(id))!, practice, new CampaignPrompts("person", "voicemail"));
        await new OutboundFlow(patient, session, _store, new CampaignCalls(_store, _time), _time, source).RunAsync(CancellationToken.None);
        return (session, patient);
    }

    /// <summary>A source that offers only the campaign's last open time, as an EHR with fewer free slots would.</summary>
    private sealed class OnlyLater(ICampaignStore store) : ICampaignSlotSource
    {
        public async Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(Campaign campaign, CancellationToken cancellationToken) =>
            [.. (await store.OpenSlotsAsync(campaign.Id, cancellationToken)).OrderBy(s => s.StartsAt).TakeLast(1)];

        public Task<SlotBooking> BookAsync(Campaign campaign, CampaignPatientRecord patient, CampaignSlot slot, CancellationToken cancellationToken) =>
            Task.FromResult(SlotBooking.Kept);
    }
}
