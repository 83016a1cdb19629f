using System.Globalization;
using System.Text;
using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Data.Fhir;

/// <summary>
/// What a hand-off says about a message: who, when and what kind always; the caller's own words (names, reason,
/// callback) only when the practice's agreement allows it (<see cref="EhrSettings.SendMessageText"/>), else a pointer
/// to the message in the portal. Recordings never leave: they are listened to in the portal.
/// </summary>
public static class EhrSummary
{
    public static string Text(Practice practice, EhrSettings settings, PatientMessage message)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(message);
        var local = practice.Clock().Local(message.ReceivedAt);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Answering service {Name(message)} ({(message.Urgency == Urgency.Urgent ? "urgent" : "routine")}), taken {local:yyyy-MM-dd HH:mm} ({practice.TimeZone}).");
        if (message.Appointment is { } request)
        {
            text.Append(' ').Append(request.Line).Append('.');
            if (request.Standing != PatientStanding.Unknown)
            {
                text.Append(request.Standing == PatientStanding.New ? " New patient." : " Existing patient.");
            }

            if (Preference(request) is { Length: > 0 } preference)
            {
                text.Append(" Prefers ").Append(preference).Append('.');
            }

            if (request.Booked is { } booked)
            {
                text.Append(CultureInfo.InvariantCulture, $" Booked on the call: {booked.Reference} at {practice.Clock().Local(booked.Start):yyyy-MM-dd HH:mm}.");
            }
        }

        if (settings.SendMessageText && message.Typed is { } typed)
        {
            text.Append(CultureInfo.InvariantCulture, $" Caller: {typed.CallerName}. Patient: {typed.PatientName}, born {typed.DateOfBirth:yyyy-MM-dd}. Reason: {typed.Reason}.");
            if (typed.Notes.Length > 0)
            {
                text.Append(" Notes: ").Append(typed.Notes);
            }
        }

        if (settings.SendMessageText && message.CallbackNumber is { Length: > 0 } callback)
        {
            text.Append(" Callback: ").Append(callback).Append('.');
        }

        if (!settings.SendMessageText || message.Typed is null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Listen in the answering service portal, {Name(message)}.");
        }

        return text.ToString();
    }

    /// <summary>What a reschedule campaign's booking says: the campaign, what it replaces, and the patient's name only where the agreement allows.</summary>
    public static string Text(Practice practice, EhrBooking booking)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(booking);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Answering service reschedule campaign \"{booking.Campaign}\" ({booking.Key}): the patient chose this time by telephone or email link.");
        if (booking.Replaces is { } replaces)
        {
            text.Append(CultureInfo.InvariantCulture, $" It replaces the appointment of {replaces:yyyy-MM-dd HH:mm} ({practice.TimeZone}).");
        }

        return text.ToString();
    }

    /// <summary>A campaign patient as a participant's display: the list's name where the practice allows it, else a pointer.</summary>
    public static string PatientDisplay(EhrSettings settings, EhrBooking booking)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(booking);
        return settings.SendMessageText && booking.PatientName.Length > 0 ? booking.PatientName : $"Patient of answering service {booking.Key}";
    }

    /// <summary>The patient as a participant's display: the typed name where the practice allows it, else a pointer.</summary>
    public static string PatientDisplay(EhrSettings settings, PatientMessage message)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(message);
        return settings.SendMessageText && message.Typed is { PatientName.Length: > 0 } typed
            ? typed.PatientName
            : $"Patient of answering service {Name(message)}";
    }

    /// <summary>
    /// The value of the service's identifier (system <c>urn:ivr:message</c>) for <paramref name="message"/>: its id; or, for a
    /// booking made on the call before the message is saved, the call's (<c>call-12</c>), so two callers' bookings never share one.
    /// </summary>
    public static string Key(PatientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Id > 0 ? message.Id.ToString(CultureInfo.InvariantCulture) : "call-" + message.CallId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"message 12", or "call 7" for a booking made on the call before its message is saved.</summary>
    private static string Name(PatientMessage message) =>
        message.Id > 0 ? $"message {message.Id.ToString(CultureInfo.InvariantCulture)}" : $"call {message.CallId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The periods a request prefers, in the practice's time, from tomorrow over the next two weeks, at most
    /// <paramref name="max"/>: the preferred days (weekdays when any) and the time of day (morning 8 to 12,
    /// afternoon 12 to 5, any 8 to 5).
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Periods(Practice practice, AppointmentRequest request, DateTimeOffset now, int max)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(request);
        var clock = practice.Clock();
        var today = DateOnly.FromDateTime(clock.Local(now));
        var (from, to) = request.Time switch
        {
            PreferredTime.Morning => (new TimeOnly(8, 0), new TimeOnly(12, 0)),
            PreferredTime.Afternoon => (new TimeOnly(12, 0), new TimeOnly(17, 0)),
            _ => (new TimeOnly(8, 0), new TimeOnly(17, 0)),
        };
        var periods = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var offset = 1; offset <= 14 && periods.Count < max; offset++)
        {
            var day = today.AddDays(offset);
            if (Wanted(request.Days, day.DayOfWeek))
            {
                periods.Add((clock.Instant(day.ToDateTime(from)), clock.Instant(day.ToDateTime(to))));
            }
        }

        return periods;
    }

    private static bool Wanted(PreferredDays days, DayOfWeek day) => day switch
    {
        DayOfWeek.Sunday => false,
        DayOfWeek.Saturday => days.HasFlag(PreferredDays.Saturday),
        _ when days == PreferredDays.Any => true,
        _ => days.HasFlag(Flag(day)),
    };

    private static PreferredDays Flag(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => PreferredDays.Monday,
        DayOfWeek.Tuesday => PreferredDays.Tuesday,
        DayOfWeek.Wednesday => PreferredDays.Wednesday,
        DayOfWeek.Thursday => PreferredDays.Thursday,
        DayOfWeek.Friday => PreferredDays.Friday,
        _ => PreferredDays.Saturday,
    };

    private static string Preference(AppointmentRequest request)
    {
        var days = request.Days == PreferredDays.Any ? string.Empty : request.Days.ToString();
        var time = request.Time switch
        {
            PreferredTime.Morning => "mornings",
            PreferredTime.Afternoon => "afternoons",
            _ => string.Empty,
        };
        return string.Join(' ', new[] { days, time }.Where(p => p.Length > 0));
    }
}
