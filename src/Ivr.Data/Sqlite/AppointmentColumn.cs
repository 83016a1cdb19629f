using Ivr.Domain.Appointments;
using Ivr.Domain.Triage;

namespace Ivr.Data;

/// <summary>The <c>appointment_window</c> column (migration 0117): a disposition code, or null for no appointment request.</summary>
internal static class AppointmentColumn
{
    public static AppointmentRequest? Read(string? window) => window switch
    {
        null => null,
        _ when Dispositions.TryParse(window, out var disposition) => new AppointmentRequest(disposition.Value),
        _ => throw new DataException($"'{window}' is not a disposition code: an appointment request's window must be one."),
    };
}
