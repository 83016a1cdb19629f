namespace Ivr.Domain.Outbound;

/// <summary>
/// One patient on a campaign's list: patient data throughout (encrypted at rest once stored). The phone is in E.164
/// (<c>+13125550100</c>), checked to be a real number before anyone dials it; the appointment is on the practice's
/// wall clock.
/// </summary>
/// <param name="Line">The line of the uploaded file it came from (1 is the header), for errors and the results export.</param>
/// <param name="Name">The patient's name, as the list gives it.</param>
/// <param name="Phone">The number to call, E.164.</param>
/// <param name="Email">Where the confirmation link goes, when the list has one.</param>
/// <param name="Appointment">The appointment the campaign is about, on the practice's clock, when given.</param>
/// <param name="Clinician">Whom the appointment is with, when given.</param>
public sealed record CampaignPatient(int Line, string Name, string Phone, string? Email, DateTime? Appointment, string? Clinician);
