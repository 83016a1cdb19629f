using Ivr.Domain.Appointments;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Messages;

/// <summary>
/// The appointment request a message carries: its window as the ladder's code and in words (<c>routine</c> for a
/// caller's or an operator's), where it was made, new or existing patient, preferred days and time. The date of birth
/// and the booked appointment are patient data: only a single message's detail carries them, never the inbox's list.
/// </summary>
/// <param name="Window">The disposition's code, or <c>routine</c>.</param>
/// <param name="Words">The window in words.</param>
/// <param name="Source"><c>triage</c>, <c>phone</c> or <c>desk</c>.</param>
/// <param name="Standing"><c>new</c>, <c>existing</c> or <c>unknown</c>.</param>
/// <param name="Days">The preferred days in words: "any day", "weekdays", "Tuesday, Thursday".</param>
/// <param name="Time"><c>any</c>, <c>morning</c> or <c>afternoon</c>.</param>
/// <param name="BirthDate">The date of birth; null in lists or when not given.</param>
/// <param name="Booked">The appointment booked in the EHR; null in lists or when none was.</param>
public sealed record AppointmentRequestJson(
    string Window,
    string Words,
    string Source = "triage",
    string Standing = "unknown",
    string Days = "any day",
    string Time = "any",
    DateOnly? BirthDate = null,
    BookedAppointment? Booked = null)
{
    /// <summary>The request without patient data, for lists.</summary>
    public static AppointmentRequestJson? From(AppointmentRequest? request) =>
        request is null
            ? null
            : new(
                request.Window is { } window ? Dispositions.Code(window) : "routine",
                request.Words,
                request.Source.ToString().ToLowerInvariant(),
                request.Standing.ToString().ToLowerInvariant(),
                DaysInWords(request.Days),
                request.Time.ToString().ToLowerInvariant());

    /// <summary>The request with its date of birth and booking, for one message's detail (an audited read).</summary>
    public static AppointmentRequestJson? Detail(AppointmentRequest? request) =>
        From(request) is { } json ? json with { BirthDate = request!.BirthDate, Booked = request.Booked } : null;

    /// <summary>"any day", "weekdays", or the days named: "Tuesday, Thursday".</summary>
    public static string DaysInWords(PreferredDays days) => days switch
    {
        PreferredDays.Any => "any day",
        PreferredDays.Monday | PreferredDays.Tuesday | PreferredDays.Wednesday | PreferredDays.Thursday | PreferredDays.Friday => "weekdays",
        _ => string.Join(", ", Enum.GetValues<PreferredDays>().Where(d => d != PreferredDays.Any && days.HasFlag(d))),
    };
}
