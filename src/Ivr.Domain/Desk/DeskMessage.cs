using Ivr.Domain.Appointments;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Desk;

/// <summary>The message an operator's form makes: the same kind the automated flow saves, typed instead of recorded (an appointment request when the form says so).</summary>
public static class DeskMessage
{
    /// <summary>
    /// The message for call record <paramref name="callRecordId"/> of <paramref name="practiceId"/>: the form's
    /// values trimmed, the callback number as digits (<see cref="CallbackNumbers"/>), the urgency the operator chose,
    /// no recordings, received at <paramref name="at"/> and taken by <paramref name="operatorName"/>. Check the form
    /// with <see cref="DeskFormRules.Check"/> first, on the practice's date.
    /// </summary>
    /// <exception cref="ArgumentException">The form does not pass <see cref="DeskFormRules"/> (a date of birth after <paramref name="at"/>'s UTC date plus a day, for the zones ahead of UTC), or no operator is named.</exception>
    public static PatientMessage Of(DeskMessageForm form, long callRecordId, string practiceId, string? callerId, string operatorName, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(practiceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        var errors = DeskFormRules.Check(form, DateOnly.FromDateTime(at.UtcDateTime).AddDays(1));
        if (errors.Count > 0)
        {
            throw new ArgumentException("The message form is not complete: " + string.Join(", ", errors.Keys), nameof(form));
        }

        return new PatientMessage
        {
            CallId = callRecordId,
            PracticeId = practiceId,
            Urgency = form.Urgency,
            CallbackNumber = CallbackNumbers.Normalize(form.CallbackNumber),
            CallerId = string.IsNullOrWhiteSpace(callerId) ? null : callerId,
            ReceivedAt = at,
            Typed = new TypedMessage(
                DeskFormRules.Trim(form.CallerName),
                DeskFormRules.Trim(form.PatientName),
                DeskFormRules.ParseDateOfBirth(form.DateOfBirth)!.Value,
                DeskFormRules.Trim(form.Reason),
                DeskFormRules.Trim(form.Notes),
                operatorName.Trim()),
            Appointment = form.Appointment is { } appointment
                ? new AppointmentRequest(null)
                {
                    Source = AppointmentSource.Desk,
                    Standing = DeskFormRules.ParseStanding(appointment.Standing)!.Value,
                    BirthDate = DeskFormRules.ParseDateOfBirth(form.DateOfBirth),
                    Days = DeskFormRules.ParseDays(appointment.Days)!.Value,
                    Time = DeskFormRules.ParseTime(appointment.Time)!.Value,
                }
                : null,
        };
    }
}
