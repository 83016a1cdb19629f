using Ivr.Domain.Messages;

namespace Ivr.Domain.Ehr;

/// <summary>
/// The service's side of a practice's EHR over FHIR R4 (implemented outside the domain, with Firely's SDK).
/// Every method is safe to call again: a hand-off is made conditional on the message's id, so a retry after a
/// lost answer never makes a second resource.
/// </summary>
public interface IEhrLink
{
    /// <summary>
    /// Free slots of the practice's <see cref="EhrSettings.Schedules"/> starting between <paramref name="from"/> and
    /// <paramref name="to"/>, earliest first, at most <paramref name="max"/>.
    /// </summary>
    /// <exception cref="EhrUnavailableException">The EHR could not answer (down, slow, refused); the caller's request is then kept and handed off later.</exception>
    Task<IReadOnlyList<EhrSlot>> FreeSlotsAsync(string practiceId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken);

    /// <summary>Books <paramref name="slot"/> for the request in <paramref name="message"/> (level <see cref="EhrLevel.Book"/>): <see cref="EhrOutcome.SlotTaken"/> when another caller took it first.</summary>
    Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, PatientMessage message, CancellationToken cancellationToken);

    /// <summary>Books <paramref name="slot"/> for a reschedule campaign's patient (level <see cref="EhrLevel.Book"/>): <see cref="EhrOutcome.SlotTaken"/> when the EHR gave it to someone else.</summary>
    Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, EhrBooking booking, CancellationToken cancellationToken);

    /// <summary>Hands <paramref name="message"/> to the EHR at the practice's level: a proposed Appointment for a request, a Communication otherwise.</summary>
    Task<EhrResult> HandOffAsync(string practiceId, PatientMessage message, CancellationToken cancellationToken);
}
