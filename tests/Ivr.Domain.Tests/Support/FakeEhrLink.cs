using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Tests.Support;

/// <summary>An EHR with the free slots a test gives it: down when told, and a slot another caller takes first when told.</summary>
public sealed class FakeEhrLink(params EhrSlot[] slots) : IEhrLink
{
    private readonly List<EhrSlot> _free = [.. slots];

    /// <summary>Every call fails as an EHR that is down does.</summary>
    public bool Down { get; set; }

    /// <summary>Slots another caller books between this caller's choice and their booking.</summary>
    public HashSet<string> TakenMeanwhile { get; } = [];

    public List<(EhrSlot Slot, PatientMessage Message)> Booked { get; } = [];

    public int SlotQueries { get; private set; }

    public Task<IReadOnlyList<EhrSlot>> FreeSlotsAsync(string practiceId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        SlotQueries++;
        if (Down)
        {
            throw new EhrUnavailableException("503 from the EHR");
        }

        return Task.FromResult<IReadOnlyList<EhrSlot>>(_free.Where(s => s.Start >= from && s.Start < to).OrderBy(s => s.Start).Take(max).ToList());
    }

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, PatientMessage message, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new EhrUnavailableException("503 from the EHR");
        }

        if (TakenMeanwhile.Contains(slot.SlotId))
        {
            _free.Remove(slot);
            return Task.FromResult(new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, "409"));
        }

        _free.Remove(slot);
        Booked.Add((slot, message));
        return Task.FromResult(new EhrResult(EhrOutcome.Done, EhrLevel.Book, $"Appointment/{Booked.Count}", "201"));
    }

    public List<(EhrSlot Slot, EhrBooking Booking)> CampaignBooked { get; } = [];

    /// <summary>Bookings the EHR refuses for good (a 403 by its policy), as a practice's misconfigured link would.</summary>
    public bool RefuseBookings { get; set; }

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, EhrBooking booking, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new EhrUnavailableException("503 from the EHR");
        }

        if (RefuseBookings)
        {
            return Task.FromResult(new EhrResult(EhrOutcome.Refused, EhrLevel.Book, null, "403"));
        }

        var free = _free.FirstOrDefault(s => s.SlotId == slot.SlotId);
        if (free is null || TakenMeanwhile.Contains(slot.SlotId))
        {
            _free.RemoveAll(s => s.SlotId == slot.SlotId);
            return Task.FromResult(new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, "409"));
        }

        _free.Remove(free);
        CampaignBooked.Add((slot, booking));
        return Task.FromResult(new EhrResult(EhrOutcome.Done, EhrLevel.Book, $"Appointment/c{CampaignBooked.Count}", "201"));
    }

    public Task<EhrResult> HandOffAsync(string practiceId, PatientMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new EhrResult(EhrOutcome.Done, EhrLevel.Book, "Communication/1", "201"));
}
