using Ivr.Domain.Messages;

namespace Ivr.Domain.Desk;

/// <summary>What an operator types for a caller: the practice's message form, as entered (checked by the desk before anything is saved).</summary>
/// <param name="CallerName">Who is calling.</param>
/// <param name="PatientName">Who the call is about.</param>
/// <param name="DateOfBirth">The patient's date of birth as typed (yyyy-mm-dd).</param>
/// <param name="CallbackNumber">Where the clinician calls back.</param>
/// <param name="CallbackReadBack">The operator read the number back and the caller confirmed it.</param>
/// <param name="Reason">Why they call, in a line.</param>
/// <param name="Urgency">Urgent pages the on-call chain now; routine goes to the morning report.</param>
/// <param name="Notes">Anything else, free text.</param>
/// <param name="Appointment">The appointment request's part when the operator takes one instead of a message; null for a message.</param>
public sealed record DeskMessageForm(
    string CallerName,
    string PatientName,
    string DateOfBirth,
    string CallbackNumber,
    bool CallbackReadBack,
    string Reason,
    Urgency Urgency,
    string Notes,
    DeskAppointmentForm? Appointment = null);
