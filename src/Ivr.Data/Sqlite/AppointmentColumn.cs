using Ivr.Domain.Appointments;
using Ivr.Domain.Triage;

namespace Ivr.Data;

/// <summary>
/// An appointment request's columns that are not patient data: <c>appointment_window</c> (migration 0117, a
/// disposition code; null for a caller's routine request) and where the request was made, the patient's standing,
/// the preferred days and time (migration 0120). A message with neither a window nor a source carries no request.
/// </summary>
internal static class AppointmentColumn
{
    /// <summary>The columns <see cref="Read"/> takes, in its order.</summary>
    public const string Columns = "appointment_window, appointment_source, appointment_standing, appointment_days, appointment_time";

    public static AppointmentRequest? Read(string? window, string? source, string? standing, long? days, string? time)
    {
        if (window is null && source is null)
        {
            return null;
        }

        Disposition? rung = window switch
        {
            null => null,
            _ when Dispositions.TryParse(window, out var disposition) => disposition.Value,
            _ => throw new DataException($"'{window}' is not a disposition code: an appointment request's window must be one."),
        };
        return new AppointmentRequest(rung)
        {
            Source = source is null ? AppointmentSource.Triage : Parse<AppointmentSource>(source, "appointment_source"),
            Standing = standing is null ? PatientStanding.Unknown : Parse<PatientStanding>(standing, "appointment_standing"),
            Days = (PreferredDays)(days ?? 0),
            Time = time is null ? PreferredTime.Any : Parse<PreferredTime>(time, "appointment_time"),
        };
    }

    private static T Parse<T>(string value, string column)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new DataException($"'{value}' is not a value of {column}.");
}
