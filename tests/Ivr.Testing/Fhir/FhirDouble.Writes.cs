using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.WebUtilities;

namespace Ivr.Testing.Fhir;

// Creates (conditional with If-None-Exist) and updates (with If-Match), each resource parsed and
// validated against R4 first, and the booking rule: a booked Appointment takes exactly one free Slot.
public sealed partial class FhirDouble
{
    private static readonly HashSet<Appointment.AppointmentStatus> HoldsItsSlot =
    [
        Appointment.AppointmentStatus.Booked,
        Appointment.AppointmentStatus.Pending,
        Appointment.AppointmentStatus.Arrived,
        Appointment.AppointmentStatus.CheckedIn,
        Appointment.AppointmentStatus.Fulfilled,
    ];

    private FhirReply Create(Exchange exchange)
    {
        var type = exchange.Segments[0];
        if (Receive(exchange, type) is { } refused)
        {
            return refused;
        }

        var resource = exchange.Resource!;
        lock (_sync)
        {
            if (exchange.Header("If-None-Exist") is { } condition)
            {
                var search = QueryHelpers.ParseQuery(condition.TrimStart('?'));
                if (search.Count != 1 || !search.TryGetValue("identifier", out var identifier) || identifier.Count != 1)
                {
                    return FhirReply.Outcome(400, OperationOutcome.IssueType.NotSupported, "If-None-Exist is read here as identifier=system|value only");
                }

                var existing = _store.All(type).Where(r => Matches(Identifiers(r), identifier[0]!)).ToList();
                if (existing.Count > 1)
                {
                    return FhirReply.Outcome(412, OperationOutcome.IssueType.Duplicate, $"If-None-Exist matches {existing.Count} {type} resources");
                }

                if (existing.Count == 1)
                {
                    return FhirReply.Kept(200, existing[0], exchange.FhirBase, location: true);
                }
            }

            if (resource is Appointment appointment && SlotRefusal(appointment, previous: null) is { } taken)
            {
                return taken;
            }

            // A create names no id of its own; the server gives one.
            resource.Id = _store.NextId(type);
            resource.Meta = null;
            return FhirReply.Kept(201, _store.Keep(resource, _options.Time.GetUtcNow()), exchange.FhirBase, location: true);
        }
    }

    private FhirReply Update(Exchange exchange)
    {
        var (type, id) = (exchange.Segments[0], exchange.Segments[1]);
        if (Receive(exchange, type) is { } refused)
        {
            return refused;
        }

        var resource = exchange.Resource!;
        if (resource.Id != id)
        {
            return FhirReply.Outcome(400, OperationOutcome.IssueType.Invalid, $"the resource's id ({resource.Id ?? "none"}) is not the one in the URL ({id})");
        }

        if (exchange.Header("If-Match") is not { } ifMatch)
        {
            return FhirReply.Outcome(428, OperationOutcome.IssueType.Required, $"an update of {type} needs If-Match with the version read (W/\"n\")");
        }

        lock (_sync)
        {
            if (_store.Find(type, id) is not { } current)
            {
                return FhirReply.Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");
            }

            var version = FhirResourceStore.Version(current);
            if (!TryVersion(ifMatch, out var asked) || asked != version)
            {
                return FhirReply.Outcome(412, OperationOutcome.IssueType.Conflict, $"{type}/{id} is at version {version}, not {ifMatch}");
            }

            if (resource is Appointment appointment && SlotRefusal(appointment, (Appointment)current) is { } taken)
            {
                return taken;
            }

            resource.Meta = current.Meta;
            return FhirReply.Kept(200, _store.Keep(resource, _options.Time.GetUtcNow()), exchange.FhirBase);
        }
    }

    /// <summary>Parses the body as an R4 <paramref name="type"/> and validates it; null when it may be kept.</summary>
    private static FhirReply? Receive(Exchange exchange, string type)
    {
        if (exchange.ContentType is not { } contentType
            || !(contentType.StartsWith("application/fhir+json", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return FhirReply.Outcome(415, OperationOutcome.IssueType.NotSupported, "this server reads application/fhir+json");
        }

        // NoOverflow: what would not fit the model (an unknown element, a wrong type) is a 400 here; what
        // fits but breaks R4's rules (a missing status) is left to the validator, whose outcome is the 422.
        var parser = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.NoOverflow));
        if (!parser.TryDeserializeResource(exchange.Body, out var resource, out var errors))
        {
            exchange.Resource = resource;
            exchange.Validation = new OperationOutcome
            {
                Issue = errors.Select(e => new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = OperationOutcome.IssueType.Structure,
                    Diagnostics = e.Message,
                    Details = new CodeableConcept { Text = e.Message },
                }).ToList(),
            };
            return FhirReply.Resource(400, exchange.Validation);
        }

        exchange.Resource = resource;
        if (resource!.TypeName != type)
        {
            return FhirReply.Outcome(400, OperationOutcome.IssueType.Invalid, $"a {resource.TypeName} was sent to {type}");
        }

        exchange.Validation = FhirR4.Validate(resource);
        return exchange.Validation.Success ? null : FhirReply.Resource(422, exchange.Validation);
    }

    /// <summary>Why <paramref name="appointment"/> may not be kept as it is (a booked one takes exactly one free Slot); null when it may.</summary>
    private FhirReply? SlotRefusal(Appointment appointment, Appointment? previous)
    {
        if (appointment.Status != Appointment.AppointmentStatus.Booked)
        {
            return null;
        }

        if (appointment.Slot.Count != 1)
        {
            return FhirReply.Outcome(422, OperationOutcome.IssueType.BusinessRule, $"a booked Appointment names exactly one Slot; this one names {appointment.Slot.Count}");
        }

        var slotId = LastSegment(appointment.Slot[0].Reference ?? "");
        if (previous is { Status: Appointment.AppointmentStatus.Booked } && previous.Slot.Count == 1 && LastSegment(previous.Slot[0].Reference ?? "") == slotId)
        {
            // Already booked in this Slot (which its client has since marked busy): a change of something else.
            return null;
        }

        if (_store.Find("Slot", slotId) is not Slot slot)
        {
            return FhirReply.Outcome(422, OperationOutcome.IssueType.BusinessRule, $"Slot/{slotId} is not known");
        }

        if (slot.Status != Slot.SlotStatus.Free)
        {
            return FhirReply.Outcome(409, OperationOutcome.IssueType.Conflict, $"Slot/{slotId} is {slot.Status?.GetLiteral()}, not free");
        }

        var holder = _store.All<Appointment>().FirstOrDefault(a =>
            a.Id != previous?.Id && a.Status is { } status && HoldsItsSlot.Contains(status) && a.Slot.Any(s => LastSegment(s.Reference ?? "") == slotId));
        return holder is null
            ? null
            : FhirReply.Outcome(409, OperationOutcome.IssueType.Conflict, $"Slot/{slotId} is already taken by Appointment/{holder.Id}");
    }

    private static IEnumerable<Identifier> Identifiers(Resource resource) => resource switch
    {
        Appointment a => a.Identifier,
        Communication c => c.Identifier,
        Hl7.Fhir.Model.Task t => t.Identifier,
        QuestionnaireResponse { Identifier: { } one } => [one],
        _ => [],
    };

    private static bool TryVersion(string etag, out int version)
    {
        var text = etag.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
