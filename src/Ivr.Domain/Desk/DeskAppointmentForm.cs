namespace Ivr.Domain.Desk;

/// <summary>
/// The appointment part of the desk's form, when the operator takes an appointment request instead of a message
/// (the date of birth, callback number and reason are the form's own fields). Values as typed; checked by
/// <see cref="DeskFormRules"/>.
/// </summary>
/// <param name="Standing"><c>new</c> or <c>existing</c>: whether the patient has been seen at the practice.</param>
/// <param name="Days"><c>any</c>, <c>weekdays</c>, or one day, <c>monday</c> to <c>saturday</c>.</param>
/// <param name="Time"><c>any</c>, <c>morning</c> or <c>afternoon</c>.</param>
public sealed record DeskAppointmentForm(string Standing, string Days, string Time);
