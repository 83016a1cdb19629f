using System.Globalization;
using Ivr.Domain.Appointments;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Desk;

/// <summary>
/// What a message form must hold before the desk saves it. Every value is trimmed first. Errors are keyed by the
/// form's field names in camelCase (<c>callerName</c>, <c>patientName</c>, <c>dateOfBirth</c>, <c>callbackNumber</c>,
/// <c>callbackReadBack</c>, <c>reason</c>, <c>notes</c>, <c>urgency</c>, and for an appointment request <c>standing</c>,
/// <c>days</c>, <c>time</c>) and worded for the operator, who sees each
/// beside its field with what they typed left as it was.
/// </summary>
public static class DeskFormRules
{
    /// <summary>Longest caller or patient name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest reason: a line.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Longest free text.</summary>
    public const int MaxNotesLength = 2000;

    /// <summary>The earliest date of birth taken as real.</summary>
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>What is wrong with each field of <paramref name="form"/>; empty when it may be saved. <paramref name="today"/> is the practice's date.</summary>
    public static IReadOnlyDictionary<string, string> Check(DeskMessageForm form, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Name(errors, "callerName", form.CallerName, "the caller's name");
        Name(errors, "patientName", form.PatientName, "the patient's name");
        if (DateOfBirthError(form.DateOfBirth, today) is { } birth)
        {
            errors["dateOfBirth"] = birth;
        }

        if (string.IsNullOrWhiteSpace(form.CallbackNumber))
        {
            errors["callbackNumber"] = "Enter the number to call back.";
        }
        else if (CallbackNumbers.Normalize(form.CallbackNumber) is null)
        {
            errors["callbackNumber"] = $"A callback number has {CallbackNumbers.MinDigits} to {CallbackNumbers.MaxDigits} digits (spaces, dashes, dots, parentheses and a leading + may be typed).";
        }

        if (!form.CallbackReadBack)
        {
            errors["callbackReadBack"] = "Read the number back to the caller, and tick this once they confirm it.";
        }

        var reason = Trim(form.Reason);
        if (reason.Length == 0)
        {
            errors["reason"] = "Enter why they are calling.";
        }
        else if (reason.Length > MaxReasonLength)
        {
            errors["reason"] = Invariant($"The reason is at most {MaxReasonLength} characters ({reason.Length} now): put the rest in the notes.");
        }
        else if (reason.Any(char.IsControl))
        {
            errors["reason"] = "The reason is one line: put the rest in the notes.";
        }

        if (Trim(form.Notes).Length > MaxNotesLength)
        {
            errors["notes"] = Invariant($"The notes are at most {MaxNotesLength} characters ({Trim(form.Notes).Length} now).");
        }

        if (!Enum.IsDefined(form.Urgency))
        {
            errors["urgency"] = "Choose urgent or routine.";
        }

        if (form.Appointment is { } appointment)
        {
            CheckAppointment(errors, form, appointment);
        }

        return errors;
    }

    /// <summary>The standing as typed: <c>new</c> or <c>existing</c>; null for anything else.</summary>
    public static PatientStanding? ParseStanding(string? typed) => Trim(typed).ToLowerInvariant() switch
    {
        "new" => PatientStanding.New,
        "existing" => PatientStanding.Existing,
        _ => null,
    };

    /// <summary>The preferred days as typed: <c>any</c>, <c>weekdays</c>, or a day <c>monday</c> to <c>saturday</c>; null for anything else.</summary>
    public static PreferredDays? ParseDays(string? typed) => Trim(typed).ToLowerInvariant() switch
    {
        "any" => PreferredDays.Any,
        "weekdays" => PreferredDays.Monday | PreferredDays.Tuesday | PreferredDays.Wednesday | PreferredDays.Thursday | PreferredDays.Friday,
        "monday" => PreferredDays.Monday,
        "tuesday" => PreferredDays.Tuesday,
        "wednesday" => PreferredDays.Wednesday,
        "thursday" => PreferredDays.Thursday,
        "friday" => PreferredDays.Friday,
        "saturday" => PreferredDays.Saturday,
        _ => null,
    };

    /// <summary>The preferred time as typed: <c>any</c>, <c>morning</c> or <c>afternoon</c>; null for anything else.</summary>
    public static PreferredTime? ParseTime(string? typed) => Trim(typed).ToLowerInvariant() switch
    {
        "any" => PreferredTime.Any,
        "morning" => PreferredTime.Morning,
        "afternoon" => PreferredTime.Afternoon,
        _ => null,
    };

    /// <summary>The date of birth as typed (yyyy-mm-dd), trimmed; null when it is not a date.</summary>
    public static DateOnly? ParseDateOfBirth(string? typed) =>
        DateOnly.TryParseExact(Trim(typed), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>A value as kept: trimmed, empty for null.</summary>
    public static string Trim(string? value) => value?.Trim() ?? string.Empty;

    private static void CheckAppointment(Dictionary<string, string> errors, DeskMessageForm form, DeskAppointmentForm appointment)
    {
        if (ParseStanding(appointment.Standing) is null)
        {
            errors["standing"] = "Ask whether the patient is new to the practice or has been seen there before.";
        }

        if (ParseDays(appointment.Days) is null)
        {
            errors["days"] = "Choose the days that suit the patient (any day will do is a choice).";
        }

        if (ParseTime(appointment.Time) is null)
        {
            errors["time"] = "Choose morning, afternoon, or any time.";
        }

        if (form.Urgency == Urgency.Urgent)
        {
            // A request waits for the office; anything that cannot wait is an urgent message, which pages now.
            errors["urgency"] = "An appointment request is routine: for something that cannot wait, take an urgent message instead.";
        }
    }

    private static void Name(Dictionary<string, string> errors, string field, string? value, string what)
    {
        var name = Trim(value);
        if (name.Length == 0)
        {
            errors[field] = $"Enter {what}.";
        }
        else if (name.Length > MaxNameLength)
        {
            errors[field] = Invariant($"A name is at most {MaxNameLength} characters ({name.Length} now).");
        }
        else if (name.Any(char.IsControl))
        {
            errors[field] = "A name is one line.";
        }
    }

    private static string? DateOfBirthError(string? typed, DateOnly today)
    {
        var text = Trim(typed);
        if (text.Length == 0)
        {
            return "Enter the patient's date of birth (yyyy-mm-dd).";
        }

        if (text.Length != 10 || text[4] != '-' || text[7] != '-' || !text.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit))
        {
            return "Write the date of birth as yyyy-mm-dd, e.g. 2019-04-23.";
        }

        if (ParseDateOfBirth(text) is not { } date)
        {
            return "There is no such date.";
        }

        if (date > today)
        {
            return "The date of birth is after today.";
        }

        return date < EarliestBirth ? "The date of birth is before 1900." : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
