namespace Ivr.Domain.Ehr;

/// <summary>
/// A booking in the EHR for a patient of a reschedule campaign (not a caller's message): who, and what it replaces.
/// Patient data: the EHR link sends the name only where the practice's agreement allows (<see cref="EhrSettings.SendMessageText"/>).
/// </summary>
/// <param name="Key">The service's identifier value for the booking, the same on every try (<c>campaign-3-patient-12</c>), so a retry never books twice.</param>
/// <param name="Campaign">What staff call the campaign ("Dr. Rivera out Friday").</param>
/// <param name="PatientName">The patient's name as the campaign's list gives it.</param>
/// <param name="Replaces">The appointment the campaign moved, on the practice's clock, when the list gave it.</param>
public sealed record EhrBooking(string Key, string Campaign, string PatientName, DateTime? Replaces);
