using Ivr.Domain.Messages;

namespace Ivr.Portal.Messages;

/// <summary>
/// A message in an inbox listing of the API: no patient data, only where to get it. <paramref name="TypedBy"/> names
/// the operator who typed a message taken at the desk (null for a recorded one); <paramref name="SummaryFor"/> the clinician a
/// patched call's summary is for (null for any other message): staff, not patient data. <paramref name="Appointment"/> is
/// the appointment request a triage's message carries (its window: a rung of the ladder, not patient data).
/// </summary>
public sealed record MessageSummaryJson(long Id, long CallId, string PracticeId, Urgency Urgency, MessageStatus Status, DateTimeOffset ReceivedAt, double MessageSeconds, bool Partial, string? UrgencyReason, string Url, string? TypedBy, string? SummaryFor, AppointmentRequestJson? Appointment = null)
{
    public static MessageSummaryJson From(PatientMessage m) =>
        new(m.Id, m.CallId, m.PracticeId, m.Urgency, m.Status, m.ReceivedAt, m.MessageSeconds, m.Partial, m.UrgencyReason, $"/api/messages/{m.Id}", m.Typed?.TakenBy, m.Summary?.ClinicianId, AppointmentRequestJson.From(m.Appointment));
}
