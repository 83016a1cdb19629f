using Ivr.Domain.Ehr;
using Ivr.Domain.Flow;
using Ivr.Domain.Outbound;
using Ivr.Domain.Tests.Support;

namespace Ivr.Domain.Tests.Outbound;

/// <summary>Reschedule calls of a practice whose EHR books: the times offered are the EHR's free Slots, and the one chosen is booked there.</summary>
public sealed class EhrCampaignSlotsTests
{
    // Wednesday 9 and 10 a.m. and Thursday 9 a.m. in New York; the calls are on Tuesday 2026-12-08 at 10 a.m.
    private static readonly EhrSlot Wednesday9 = new("s-wed-9", new DateTimeOffset(2026, 12, 9, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 9, 14, 20, 0, TimeSpan.Zero), "dr-1", "Dr. One");
    private static readonly EhrSlot Wednesday10 = new("s-wed-10", new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 9, 15, 20, 0, TimeSpan.Zero), "dr-1", "Dr. One");
    private static readonly EhrSlot Thursday9 = new("s-thu-9", new DateTimeOffset(2026, 12, 10, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 10, 14, 20, 0, TimeSpan.Zero), "dr-1", "Dr. One");

    private readonly OutboundFlowTests _calls = new();

    [Fact]
    public async Task TheTimesOfferedAreTheEhrsFreeSlotsOnThePracticesClockAndTheChosenOneIsBookedInTheEhr()
    {
        var ehr = new FakeEhrLink(Wednesday9, Wednesday10, Thursday9);

        var (session, patient) = await _calls.CallWithEhrAsync(new ScriptedPatient('3', '2', '1'), ehr);

        Assert.Equal(["say time 2026-12-09 09:00", "say time 2026-12-09 10:00", "say time 2026-12-10 09:00"], patient.Log.Where(l => l.StartsWith("say time", StringComparison.Ordinal)).Take(3));
        Assert.Equal(AttemptResult.Rescheduled, session.Result);
        var (slot, booking) = Assert.Single(ehr.CampaignBooked);
        Assert.Equal("s-wed-10", slot.SlotId);
        Assert.Equal(Wednesday10.Start, slot.Start);
        Assert.Equal($"campaign-{session.Campaign.Id}-patient-{session.Patient.Id}", booking.Key);
        Assert.Equal("Ana Diaz", booking.PatientName);
        var record = await _calls.Store.PatientAsync(session.Patient.Id);
        Assert.Equal(PatientProgress.Rescheduled, record!.Progress);
        Assert.Equal("s-wed-10", (await _calls.Store.SlotsAsync(session.Campaign.Id)).Single(s => s.Id == record.SlotId).EhrSlotId);
        Assert.Contains("booked in the EHR: Appointment/c1", _calls.Store.Attempts[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimeBookedInTheEhrByAnotherCallerMeanwhileIsGivenBackAndTheRestOffered()
    {
        var ehr = new FakeEhrLink(Wednesday9, Wednesday10);
        ehr.TakenMeanwhile.Add("s-wed-9");

        var (session, patient) = await _calls.CallWithEhrAsync(new ScriptedPatient('3', '1', '1', '1', '1'), ehr);

        Assert.Contains($"play {PromptIds.OutboundSlotTaken}", patient.Log);
        Assert.Equal(AttemptResult.Rescheduled, session.Result);
        Assert.Equal("s-wed-10", Assert.Single(ehr.CampaignBooked).Slot.SlotId);
        var slots = await _calls.Store.SlotsAsync(session.Campaign.Id);
        Assert.DoesNotContain(slots, s => s.EhrSlotId == "s-wed-9");
        Assert.Equal(session.Patient.Id, slots.Single(s => s.EhrSlotId == "s-wed-10").TakenBy);
    }

    [Fact]
    public async Task AnEhrThatRefusesTheBookingHandsThePatientToTheOfficeAndTheTimeIsNotKeptAsTheirs()
    {
        var ehr = new FakeEhrLink(Wednesday9) { RefuseBookings = true };

        var (session, patient) = await _calls.CallWithEhrAsync(new ScriptedPatient('3', '1', '1'), ehr);

        Assert.Equal([$"play {PromptIds.OutboundOfficeCalls}", "hang up"], patient.Log.TakeLast(2));
        Assert.Equal(AttemptResult.NeedsOfficeCall, session.Result);
        Assert.Contains("the office books it", _calls.Store.Attempts[0].Detail, StringComparison.Ordinal);
        var record = await _calls.Store.PatientAsync(session.Patient.Id);
        Assert.Equal(PatientProgress.NeedsOfficeCall, record!.Progress);
        Assert.Null(record.SlotId);
        Assert.All(await _calls.Store.SlotsAsync(session.Campaign.Id), s => Assert.Null(s.TakenBy));
    }

    [Fact]
    public async Task AnEhrThatIsDownLeavesTheSlotsItListedEarlierOutAndOffersTheTimesStaffTyped()
    {
        var ehr = new FakeEhrLink(Wednesday9);
        var (first, _) = await _calls.CallWithEhrAsync(new ScriptedPatient('3', null, null, null), ehr, [(new DateTime(2026, 12, 11, 8, 0, 0), null)]);
        var source = _calls.EhrSource(ehr);
        Assert.Contains(await source.OpenSlotsAsync(first.Campaign, CancellationToken.None), s => s.EhrSlotId == "s-wed-9");

        ehr.Down = true;
        var offered = await source.OpenSlotsAsync(first.Campaign, CancellationToken.None);

        var typed = Assert.Single(offered);
        Assert.Null(typed.EhrSlotId);
        Assert.Equal(new DateTime(2026, 12, 11, 8, 0, 0), typed.StartsAt);
    }

    [Fact]
    public async Task AnEhrThatIsDownWithNoTypedTimesPutsThePatientOnTheOfficesList()
    {
        var ehr = new FakeEhrLink(Wednesday9) { Down = true };

        var (session, patient) = await _calls.CallWithEhrAsync(new ScriptedPatient('3'), ehr);

        Assert.Contains($"play {PromptIds.OutboundNoSlots}", patient.Log);
        Assert.Equal(AttemptResult.NeedsOfficeCall, session.Result);
    }
}
