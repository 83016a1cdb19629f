using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;

namespace Ivr.Data.Fhir;

public sealed partial class FhirEhrLink
{
    /// <summary>How many pages of one schedule's search are read at most: a server that pages forever cannot hold a call.</summary>
    public const int MaxPages = 20;

    private async Task<IReadOnlyList<EhrSlot>> SearchSlotsAsync(Link link, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        var found = new List<EhrSlot>();
        foreach (var schedule in link.Settings.Schedules)
        {
            var who = await WhoAsync(link, schedule, cancellationToken).ConfigureAwait(false);
            Uri? next = Url(
                link,
                "Slot?schedule=" + Uri.EscapeDataString("Schedule/" + schedule)
                    + "&start=" + Uri.EscapeDataString("ge" + Instant(from))
                    + "&start=" + Uri.EscapeDataString("le" + Instant(to))
                    + "&status=free&_sort=start&_count=" + Math.Max(max, 1).ToString(CultureInfo.InvariantCulture));
            for (var page = 0; next is not null && page < MaxPages; page++)
            {
                var reply = await SendAsync(link, HttpMethod.Get, next, null, null, cancellationToken).ConfigureAwait(false);
                var bundle = Expect<Bundle>(reply, "Slot search");
                foreach (var slot in bundle.Entry.Select(e => e.Resource).OfType<Slot>())
                {
                    if (slot.Status == Slot.SlotStatus.Free && slot.Start is { } start && slot.End is { } end && start >= from && start <= to && slot.Id is { } id)
                    {
                        found.Add(new EhrSlot(id, start, end, schedule, who));
                    }
                }

                next = NextPage(link, bundle);
            }
        }

        return found.OrderBy(s => s.Start).ThenBy(s => s.SlotId, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>The Bundle's next page, followed only on the EHR's own address (the token goes nowhere else).</summary>
    private static Uri? NextPage(Link link, Bundle bundle)
    {
        if (bundle.NextLink is not { } next)
        {
            return null;
        }

        var url = next.IsAbsoluteUri ? next : new Uri(link.BaseUrl, next);
        return Uri.Compare(url, link.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? url
            : throw new FhirCallException(EhrOutcome.Refused, "Slot search: the next page is on another server");
    }

    /// <summary>Whose schedule, from the Schedule's first actor's display; empty when the EHR names none or cannot say.</summary>
    private async Task<string> WhoAsync(Link link, string schedule, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(link, HttpMethod.Get, Url(link, "Schedule/" + Uri.EscapeDataString(schedule)), null, null, cancellationToken).ConfigureAwait(false);
        return reply.Success && reply.Resource is Schedule found
            ? found.Actor.Select(a => a.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) ?? string.Empty
            : string.Empty;
    }

    /// <summary>
    /// Books the slot: a booked Appointment with the one Slot and the patient accepted (made once per message and
    /// slot), then the Slot marked busy on condition of the version read (If-Match). A Slot no longer free, or a 412,
    /// is <see cref="EhrOutcome.SlotTaken"/>, and the Appointment is cancelled again (If-Match on its version).
    /// </summary>
    private Task<EhrResult> BookSlotAsync(Link link, EhrSlot wanted, PatientMessage message, CancellationToken cancellationToken) =>
        BookSlotAsync(
            link,
            wanted,
            $"{EhrSummary.Key(message)}-slot-{wanted.SlotId}",
            () => PatientAsync(link, message, ParticipationStatus.Accepted, cancellationToken),
            EhrSummary.Text(link.Practice, link.Settings, message),
            cancellationToken);

    /// <summary>The same for a reschedule campaign's patient: the participant is a display (the list's name where the agreement allows it).</summary>
    private Task<EhrResult> BookSlotAsync(Link link, EhrSlot wanted, EhrBooking booking, CancellationToken cancellationToken) =>
        BookSlotAsync(
            link,
            wanted,
            $"{booking.Key}-slot-{wanted.SlotId}",
            () => System.Threading.Tasks.Task.FromResult(new Appointment.ParticipantComponent
            {
                Actor = new ResourceReference { Display = EhrSummary.PatientDisplay(link.Settings, booking) },
                Required = Appointment.ParticipantRequired.Required,
                Status = ParticipationStatus.Accepted,
            }),
            EhrSummary.Text(link.Practice, booking),
            cancellationToken);

    private async Task<EhrResult> BookSlotAsync(Link link, EhrSlot wanted, string identifier, Func<Task<Appointment.ParticipantComponent>> participant, string comment, CancellationToken cancellationToken)
    {
        var slotUrl = Url(link, "Slot/" + Uri.EscapeDataString(wanted.SlotId));
        var read = await SendAsync(link, HttpMethod.Get, slotUrl, null, null, cancellationToken).ConfigureAwait(false);
        if (read.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, $"Slot read: HTTP {(int)read.Status}");
        }

        var slot = Expect<Slot>(read, "Slot read");
        var slotVersion = read.Version;
        if (slot.Status != Slot.SlotStatus.Free)
        {
            // Ours already, from a try whose answer was lost? Otherwise another caller has it.
            var search = await SendAsync(link, HttpMethod.Get, Url(link, "Appointment?identifier=" + Uri.EscapeDataString($"{MessageSystem}|{identifier}") + "&status=booked"), null, null, cancellationToken).ConfigureAwait(false);
            var ours = Expect<Bundle>(search, "Appointment search").Entry.Select(e => e.Resource).OfType<Appointment>().FirstOrDefault(a => a.Id is not null);
            return ours is not null
                ? new EhrResult(EhrOutcome.Done, EhrLevel.Book, "Appointment/" + ours.Id, "booked")
                : new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, "the slot is no longer free");
        }

        var patient = await participant().ConfigureAwait(false);
        var appointment = new Appointment
        {
            Identifier = [MessageIdentifier(identifier)],
            Status = Appointment.AppointmentStatus.Booked,
            Start = slot.Start ?? wanted.Start,
            End = slot.End ?? wanted.End,
            Slot = [new ResourceReference("Slot/" + wanted.SlotId)],
            Comment = comment,
            Participant = [patient],
        };
        string reference;
        Appointment? made;
        try
        {
            (reference, made) = await CreateOnceAsync(link, appointment, identifier, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirCallException conflict) when (conflict.Status == HttpStatusCode.Conflict)
        {
            // The EHR holds the slot for another booked appointment already.
            return new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, conflict.Detail);
        }

        if (made is { Status: Appointment.AppointmentStatus.Cancelled })
        {
            // An earlier try for this slot was rolled back; its identifier is spent.
            return new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, "the slot was taken on an earlier try");
        }

        slot.Status = Slot.SlotStatus.Busy;
        var update = await SendAsync(
            link,
            HttpMethod.Put,
            slotUrl,
            slot,
            h =>
            {
                if (slotVersion is not null)
                {
                    h.TryAddWithoutValidation("If-Match", $"W/\"{slotVersion}\"");
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (update.Status == HttpStatusCode.PreconditionFailed || update.Status == HttpStatusCode.Conflict)
        {
            await CancelAsync(link, reference, cancellationToken).ConfigureAwait(false);
            return new EhrResult(EhrOutcome.SlotTaken, EhrLevel.Book, null, $"Slot update: HTTP {(int)update.Status}");
        }

        if (!update.Success)
        {
            var failure = Failure(update, "Slot update");
            await CancelAsync(link, reference, cancellationToken).ConfigureAwait(false);
            throw failure;
        }

        return new EhrResult(EhrOutcome.Done, EhrLevel.Book, reference, "booked");
    }

    /// <summary>Rolls a booking back: the Appointment's status becomes cancelled, on condition of the version read.</summary>
    private async System.Threading.Tasks.Task CancelAsync(Link link, string reference, CancellationToken cancellationToken)
    {
        var url = Url(link, reference);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var read = await SendAsync(link, HttpMethod.Get, url, null, null, cancellationToken).ConfigureAwait(false);
            var appointment = Expect<Appointment>(read, "Appointment read");
            if (appointment.Status == Appointment.AppointmentStatus.Cancelled)
            {
                return;
            }

            appointment.Status = Appointment.AppointmentStatus.Cancelled;
            var version = read.Version;
            var update = await SendAsync(
                link,
                HttpMethod.Put,
                url,
                appointment,
                h =>
                {
                    if (version is not null)
                    {
                        h.TryAddWithoutValidation("If-Match", $"W/\"{version}\"");
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (update.Success)
            {
                return;
            }

            if (update.Status != HttpStatusCode.PreconditionFailed)
            {
                throw Failure(update, "Appointment cancel");
            }
        }

        throw new FhirCallException(EhrOutcome.TryAgain, "Appointment cancel: changed under us three times");
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
