using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Triage;
using Ivr.Portal.Triage;

namespace Ivr.Portal.Messages;

/// <summary>
/// One message in the API, with its patient data (its recordings' links, what an operator typed, or a patched call's
/// summary), its history and every dispatch attempt; for a triage's message, the triage's review state and the
/// appointment request it carries.
/// </summary>
public sealed record MessageDetailJson(
    long Id,
    long CallId,
    string PracticeId,
    Urgency Urgency,
    MessageStatus Status,
    DateTimeOffset ReceivedAt,
    double MessageSeconds,
    bool Partial,
    string? UrgencyReason,
    string? CallbackNumber,
    string? CallerId,
    string? RecordingUrl,
    string? NameRecordingUrl,
    TypedMessageJson? Typed,
    PatchSummaryJson? Summary,
    IReadOnlyList<MessageHistoryEntry> History,
    IReadOnlyList<DispatchAttempt> Attempts,
    TriageReviewJson? Triage = null,
    AppointmentRequestJson? Appointment = null)
{
    public static MessageDetailJson From(PatientMessage m, IReadOnlyList<MessageHistoryEntry> history, IReadOnlyList<DispatchAttempt> attempts, TriageRecord? triage = null) => new(
        m.Id,
        m.CallId,
        m.PracticeId,
        m.Urgency,
        m.Status,
        m.ReceivedAt,
        m.MessageSeconds,
        m.Partial,
        m.UrgencyReason,
        m.CallbackNumber,
        m.CallerId,
        m.MessageRecording is null ? null : RecordingEndpoint.Url(m.Id, RecordingEndpoint.Message),
        m.NameRecording is null ? null : RecordingEndpoint.Url(m.Id, RecordingEndpoint.Name),
        TypedMessageJson.From(m.Typed),
        PatchSummaryJson.From(m.Summary),
        history,
        attempts,
        triage is null ? null : TriageReviewJson.Of(triage),
        AppointmentRequestJson.Detail(m.Appointment));
}
