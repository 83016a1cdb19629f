namespace Ivr.Domain.Triage;

/// <summary>Who the triage is about and where the practice calls back, as the nurse types them (the desk form's fields, checked by <see cref="Desk.DeskFormRules"/>).</summary>
/// <param name="CallerName">Who is calling.</param>
/// <param name="PatientName">Who the call is about.</param>
/// <param name="DateOfBirth">The patient's date of birth as typed (yyyy-mm-dd).</param>
/// <param name="CallbackNumber">Where the clinician calls back.</param>
/// <param name="CallbackReadBack">The nurse read the number back and the caller confirmed it.</param>
public sealed record TriagePatient(string CallerName, string PatientName, string DateOfBirth, string CallbackNumber, bool CallbackReadBack);
