namespace Ivr.Domain.Appointments;

/// <summary>Where an appointment request was made.</summary>
public enum AppointmentSource
{
    /// <summary>A nurse's triage asked for it (its disposition's actions).</summary>
    Triage,

    /// <summary>A caller asked for it in the IVR ("to request an appointment, press 4").</summary>
    Phone,

    /// <summary>An operator typed it at the desk.</summary>
    Desk,
}

/// <summary>Whether the patient is new to the practice.</summary>
public enum PatientStanding
{
    Unknown,
    New,
    Existing,
}

/// <summary>The days a patient prefers (any combination); none set means any day.</summary>
[Flags]
public enum PreferredDays
{
    Any = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
}

/// <summary>The time of day a patient prefers.</summary>
public enum PreferredTime
{
    Any,
    Morning,
    Afternoon,
}

/// <summary>An appointment booked in the EHR during the call.</summary>
/// <param name="Reference">The EHR's resource, <c>Appointment/123</c>.</param>
/// <param name="Start">When it starts.</param>
/// <param name="Who">Whose schedule, as the caller heard it; empty when the EHR names none.</param>
public sealed record BookedAppointment(string Reference, DateTimeOffset Start, string Who);
