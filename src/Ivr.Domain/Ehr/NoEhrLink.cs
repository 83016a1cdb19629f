using Ivr.Domain.Messages;

namespace Ivr.Domain.Ehr;

/// <summary>The link of a service with no EHR: nothing can be booked or handed off, so a caller's request is kept for the office.</summary>
public sealed class NoEhrLink : IEhrLink
{
    public static NoEhrLink Instance { get; } = new();

    private NoEhrLink()
    {
    }

    public Task<IReadOnlyList<EhrSlot>> FreeSlotsAsync(string practiceId, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken) =>
        throw new EhrUnavailableException("This service has no EHR link.");

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, PatientMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new EhrResult(EhrOutcome.Refused, EhrLevel.None, null, "no EHR link"));

    public Task<EhrResult> BookAsync(string practiceId, EhrSlot slot, EhrBooking booking, CancellationToken cancellationToken) =>
        Task.FromResult(new EhrResult(EhrOutcome.Refused, EhrLevel.None, null, "no EHR link"));

    public Task<EhrResult> HandOffAsync(string practiceId, PatientMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(new EhrResult(EhrOutcome.Refused, EhrLevel.None, null, "no EHR link"));
}
