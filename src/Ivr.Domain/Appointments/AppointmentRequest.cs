using Ivr.Domain.Triage;

namespace Ivr.Domain.Appointments;

/// <summary>
/// A request that the practice see the patient within a window, left by a triage whose disposition's actions
/// include <see cref="TriageActions.AppointmentRequest"/>. It travels with the triage's message (the practice's
/// inbox, the morning report); turning it into a slot or an EHR proposal is the appointment requests' own work.
/// The window is a rung of the disposition ladder, not patient data; who it is for lives in the message.
/// </summary>
/// <param name="Window">How soon: the disposition that asked for it.</param>
public sealed record AppointmentRequest(Disposition Window)
{
    /// <summary>The request a triage that finished on <paramref name="final"/> with <paramref name="actions"/> leaves; null when its actions ask for none.</summary>
    public static AppointmentRequest? For(Disposition final, TriageActions actions) =>
        actions.HasFlag(TriageActions.AppointmentRequest) ? new AppointmentRequest(final) : null;

    /// <summary>The window in words, as the line says it: "today", "within 24 hours".</summary>
    public string Words => Window switch
    {
        Disposition.Call911Now or Disposition.EmergencyDepartmentNow => "after emergency care",
        Disposition.SeeClinicianNow => "now (office or urgent care)",
        Disposition.SeeToday => "today",
        Disposition.Within24Hours => "within 24 hours",
        Disposition.Within3Days => "within 3 days",
        Disposition.Within2Weeks => "within 2 weeks",
        Disposition.HomeCare => "routine (home care)",
        _ => throw new ArgumentOutOfRangeException(nameof(Window), Window, "not a rung of the disposition ladder"),
    };

    /// <summary>What the message and the inbox show: "Appointment requested: within 24 hours".</summary>
    public string Line => "Appointment requested: " + Words;
}
