using Ivr.Domain.Appointments;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Messages;

/// <summary>The appointment request a triage's message carries: its window as the ladder's code and in words.</summary>
public sealed record AppointmentRequestJson(string Window, string Words)
{
    public static AppointmentRequestJson? From(AppointmentRequest? request) =>
        request is null ? null : new(request.Window is { } window ? Dispositions.Code(window) : "routine", request.Words);
}
