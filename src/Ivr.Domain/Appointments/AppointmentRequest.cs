using Ivr.Domain.Triage;

namespace Ivr.Domain.Appointments;

/// <summary>
/// A request that the practice see the patient: left by a triage whose disposition's actions include
/// <see cref="TriageActions.AppointmentRequest"/> (with its window), by a caller in the IVR, or typed at the desk.
/// It travels with its message (the practice's inbox, the morning report, the EHR hand-off). The window, source,
/// standing and preferences are not patient data; <see cref="BirthDate"/> is, and is encrypted at rest; who it is
/// for (name, callback, reason) lives in the message (its recordings, or its typed fields).
/// </summary>
/// <param name="Window">How soon: the disposition that asked for it; null for a routine request a caller made.</param>
public sealed record AppointmentRequest(Disposition? Window)
{
    /// <summary>Where the request was made; a triage's by default.</summary>
    public AppointmentSource Source { get; init; } = AppointmentSource.Triage;

    /// <summary>A new patient of the practice or an existing one; unknown when not asked (triage).</summary>
    public PatientStanding Standing { get; init; } = PatientStanding.Unknown;

    /// <summary>The patient's date of birth, keyed by the caller and read back (patient data); null when not given.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>The days the patient prefers; <see cref="PreferredDays.Any"/> when any will do.</summary>
    public PreferredDays Days { get; init; } = PreferredDays.Any;

    /// <summary>The time of day the patient prefers.</summary>
    public PreferredTime Time { get; init; } = PreferredTime.Any;

    /// <summary>The EHR appointment booked on the call at level Book (<c>Appointment/123</c>) and its start; null when none was booked.</summary>
    public BookedAppointment? Booked { get; init; }

    /// <summary>The request a triage that finished on <paramref name="final"/> with <paramref name="actions"/> leaves; null when its actions ask for none.</summary>
    public static AppointmentRequest? For(Disposition final, TriageActions actions) =>
        actions.HasFlag(TriageActions.AppointmentRequest) ? new AppointmentRequest(final) : null;

    /// <summary>The window in words, as the line says it: "today", "within 24 hours".</summary>
    public string Words => Window switch
    {
        null => "routine",
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
