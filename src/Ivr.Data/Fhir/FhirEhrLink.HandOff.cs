using System.Globalization;
using Hl7.Fhir.Model;
using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;

namespace Ivr.Data.Fhir;

public sealed partial class FhirEhrLink
{
    /// <summary>Who the Communications say sent them.</summary>
    public const string SenderDisplay = "After-hours answering service";

    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/communication-category";

    /// <summary>How many preferred periods a proposed Appointment asks for at most (the next two weeks' matching days).</summary>
    private const int MaxPeriods = 10;

    /// <summary>A proposed Appointment for the office to confirm: the preferred days and time as requested periods, made once per message.</summary>
    private async Task<string> ProposeAsync(Link link, PatientMessage message, CancellationToken cancellationToken)
    {
        var id = message.Id.ToString(CultureInfo.InvariantCulture);
        var request = message.Appointment!;
        var patient = await PatientAsync(link, message, ParticipationStatus.NeedsAction, cancellationToken).ConfigureAwait(false);
        var appointment = new Appointment
        {
            Identifier = [MessageIdentifier(id)],
            Status = Appointment.AppointmentStatus.Proposed,
            Priority = message.Urgency == Urgency.Urgent ? 1 : null,
            ReasonCode = [new CodeableConcept { Text = Reason(link, message, request) }],
            Comment = EhrSummary.Text(link.Practice, link.Settings, message),
            RequestedPeriod = EhrSummary.Periods(link.Practice, request, time.GetUtcNow(), MaxPeriods)
                .Select(p => new Period(new FhirDateTime(p.Start), new FhirDateTime(p.End)))
                .ToList(),
            Participant = [patient],
        };
        var (reference, _) = await CreateOnceAsync(link, appointment, id, cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <summary>A completed notification Communication: the summary, the patient's words only where the practice allows them.</summary>
    private async Task<string> InformAsync(Link link, PatientMessage message, CancellationToken cancellationToken)
    {
        var id = message.Id.ToString(CultureInfo.InvariantCulture);
        var subject = await FindPatientAsync(link, message, cancellationToken).ConfigureAwait(false);
        var communication = new Communication
        {
            Identifier = [MessageIdentifier(id)],
            Status = EventStatus.Completed,
            Category = [new CodeableConcept(CategorySystem, "notification")],
            Priority = message.Urgency == Urgency.Urgent ? RequestPriority.Urgent : RequestPriority.Routine,
            Subject = subject,
            Sent = new FhirDateTime(message.ReceivedAt).Value,
            Sender = new ResourceReference { Display = SenderDisplay },
            Payload = [new Communication.PayloadComponent { Content = new FhirString(EhrSummary.Text(link.Practice, link.Settings, message)) }],
        };
        if (link.Settings.SendMessageText && triage is not null && message.Typed is { IsTriage: true }
            && await triage.IdForMessageAsync(message.Id, cancellationToken).ConfigureAwait(false) is { } recordId
            && await triage.GetAsync(recordId, cancellationToken).ConfigureAwait(false) is { } record)
        {
            // The triage's answers travel inside the Communication, so they arrive with it or not at all.
            var response = TriageFhirExport.Response(record);
            response.Id = "triage";
            communication.Contained = [response];
            communication.Payload.Add(new Communication.PayloadComponent { Content = new ResourceReference("#triage") });
        }

        var (reference, _) = await CreateOnceAsync(link, communication, id, cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <summary>The patient as an Appointment participant: the EHR's Patient when one matches the typed name and birth date, else a display.</summary>
    private async Task<Appointment.ParticipantComponent> PatientAsync(Link link, PatientMessage message, ParticipationStatus status, CancellationToken cancellationToken)
    {
        var found = await FindPatientAsync(link, message, cancellationToken).ConfigureAwait(false);
        return new Appointment.ParticipantComponent
        {
            Actor = found ?? new ResourceReference { Display = EhrSummary.PatientDisplay(link.Settings, message) },
            Required = Appointment.ParticipantRequired.Required,
            Status = status,
        };
    }

    /// <summary>
    /// The one Patient whose name and birth date match what was typed (a desk's or triage's message); null when nothing
    /// was typed, none or several match, or the EHR will not say (a read the practice did not allow).
    /// </summary>
    private async Task<ResourceReference?> FindPatientAsync(Link link, PatientMessage message, CancellationToken cancellationToken)
    {
        if (message.Typed is not { PatientName.Length: > 0 } typed)
        {
            return null;
        }

        var birth = message.Appointment?.BirthDate ?? typed.DateOfBirth;
        var reply = await SendAsync(
            link,
            HttpMethod.Get,
            Url(link, "Patient?name=" + Uri.EscapeDataString(typed.PatientName) + "&birthdate=" + birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            null,
            null,
            cancellationToken).ConfigureAwait(false);
        if (!reply.Success)
        {
            var failure = Failure(reply, "Patient search");
            return failure.Outcome == EhrOutcome.TryAgain ? throw failure : null;
        }

        var matches = (reply.Resource as Bundle)?.Entry.Select(e => e.Resource).OfType<Patient>().Where(p => p.Id is not null).ToList() ?? [];
        return matches.Count == 1 ? new ResourceReference("Patient/" + matches[0].Id) : null;
    }

    private static string Reason(Link link, PatientMessage message, AppointmentRequest request) =>
        link.Settings.SendMessageText && message.Typed is { Reason.Length: > 0 } typed
            ? typed.Reason
            : $"{request.Line} (answering service message {message.Id.ToString(CultureInfo.InvariantCulture)})";
}
