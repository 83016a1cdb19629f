using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ivr.Domain.Triage;

namespace Ivr.Data.Fhir;

/// <summary>
/// A kept triage as FHIR R4, for the EHR: a <c>collection</c> Bundle of a <see cref="QuestionnaireResponse"/>
/// (every protocol used, each question asked and its yes/no answer, what each protocol reached, the advice
/// read, the override and the note) and an <see cref="Observation"/> whose value is the final disposition,
/// coded, derived from the response. docs/triage.md has the mapping. The result is patient data: it is
/// never logged and leaves only for the practice's EHR.
/// </summary>
public static class TriageFhirExport
{
    /// <summary>
    /// The base of our code systems and identifiers when the deployment names none: URNs, which claim
    /// no web address. A practice whose EHR wants URLs sets its own base.
    /// </summary>
    public const string DefaultSystemBase = "urn:ivr";

    /// <summary>The code system of the disposition ladder's codes (<c>ed-now</c>, ...).</summary>
    public static string DispositionSystem(string systemBase = DefaultSystemBase) => $"{systemBase}:triage-disposition";

    /// <summary>The code system of what the Observation and its components are (<c>disposition</c>, <c>computed-disposition</c>, ...).</summary>
    public static string ObservationSystem(string systemBase = DefaultSystemBase) => $"{systemBase}:triage";

    public static Bundle Bundle(TriageRecord record, string systemBase = DefaultSystemBase)
    {
        var responseUrl = "urn:uuid:" + Guid.NewGuid().ToString("D");
        var response = Response(record, systemBase);
        var observation = Observation(record, systemBase, responseUrl);
        return new Bundle
        {
            Type = Hl7.Fhir.Model.Bundle.BundleType.Collection,
            Timestamp = record.Pathway.CompletedAt,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = responseUrl, Resource = response },
                new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid().ToString("D"), Resource = observation },
            ],
        };
    }

    /// <summary>The bundle as FHIR JSON.</summary>
    public static string Json(TriageRecord record, string systemBase = DefaultSystemBase) => Bundle(record, systemBase).ToJson();

    public static QuestionnaireResponse Response(TriageRecord record, string systemBase = DefaultSystemBase)
    {
        var pathway = record.Pathway;
        var items = pathway.Protocols.Select(p => ProtocolItem(p, systemBase)).ToList();
        var outcome = new List<QuestionnaireResponse.ItemComponent>
        {
            Answer("computed-disposition", "Computed disposition (most urgent reached)", Coding(pathway.Computed, systemBase)),
            Answer("final-disposition", "Final disposition", Coding(pathway.Final, systemBase)),
        };
        if (pathway.Override is { } overridden)
        {
            outcome.Add(Answer("override-direction", "Override direction", new Coding(ObservationSystem(systemBase), overridden.Direction == OverrideDirection.Up ? "up" : "down", overridden.Direction == OverrideDirection.Up ? "more urgent" : "less urgent")));
            outcome.Add(Answer("override-reason", "Override reason", new FhirString(overridden.Reason)));
            outcome.Add(Answer("override-by", "Override by", new FhirString(overridden.By)));
            outcome.Add(Answer("override-at", "Override at", new FhirDateTime(overridden.At)));
            outcome.Add(Answer("physician-review", "On the on-call physician's review list", new FhirBoolean(overridden.NeedsPhysicianReview)));
        }

        if (pathway.Note.Length > 0)
        {
            outcome.Add(Answer("note", "Nurse's note", new FhirString(pathway.Note)));
        }

        items.Add(new QuestionnaireResponse.ItemComponent { LinkId = "outcome", Text = "Triage outcome", Item = outcome });
        return new QuestionnaireResponse
        {
            Identifier = Identifier(record, systemBase),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Authored = new FhirDateTime(pathway.CompletedAt).Value,
            Author = new ResourceReference { Display = pathway.Nurse },
            Item = items,
        };
    }

    public static Observation Observation(TriageRecord record, string systemBase = DefaultSystemBase, string? responseUrl = null)
    {
        var pathway = record.Pathway;
        var components = new List<Observation.ComponentComponent>
        {
            new() { Code = Concept(ObservationSystem(systemBase), "computed-disposition", "Computed triage disposition"), Value = new CodeableConcept { Coding = [Coding(pathway.Computed, systemBase)] } },
        };
        if (pathway.Override is { } overridden)
        {
            components.Add(new() { Code = Concept(ObservationSystem(systemBase), "override-direction", "Override direction"), Value = Concept(ObservationSystem(systemBase), overridden.Direction == OverrideDirection.Up ? "up" : "down", overridden.Direction == OverrideDirection.Up ? "more urgent" : "less urgent") });
            components.Add(new() { Code = Concept(ObservationSystem(systemBase), "override-reason", "Override reason"), Value = new FhirString(overridden.Reason) });
        }

        return new Observation
        {
            Identifier = [Identifier(record, systemBase)],
            Status = ObservationStatus.Final,
            Category = [Concept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
            Code = Concept(ObservationSystem(systemBase), "disposition", "Nurse triage disposition"),
            Effective = new FhirDateTime(pathway.CompletedAt),
            Issued = pathway.CompletedAt,
            Performer = [new ResourceReference { Display = pathway.Nurse }],
            Value = new CodeableConcept { Coding = [Coding(pathway.Final, systemBase)], Text = Dispositions.Words(pathway.Final) },
            DerivedFrom = responseUrl is null ? [] : [new ResourceReference(responseUrl)],
            Component = components,
        };
    }

    /// <summary>A disposition as a Coding of our ladder: <c>ed-now</c>, "go to the emergency department now".</summary>
    public static Coding Coding(Disposition disposition, string systemBase = DefaultSystemBase) =>
        new(DispositionSystem(systemBase), Dispositions.Code(disposition), Dispositions.Words(disposition));

    private static QuestionnaireResponse.ItemComponent ProtocolItem(PathwayProtocol protocol, string systemBase)
    {
        // The linkId names the protocol and the version used, as a canonical does (id|version).
        var link = $"{protocol.Id}|{protocol.Version}";
        var items = protocol.Answers.Select(a => Answer($"{link}/{a.QuestionId}", a.Question, new FhirBoolean(a.Yes))).ToList();
        if (protocol.Reached is { } reached)
        {
            items.Add(Answer($"{link}/disposition", "Disposition reached", Coding(reached, systemBase)));
        }

        if (protocol.CareAdvice.Length > 0)
        {
            items.Add(Answer($"{link}/care-advice", "Care advice given", new FhirString(protocol.CareAdvice)));
        }

        var title = protocol.IsExample ? $"{protocol.Title} (version {protocol.Version}, {TriageProtocol.ExampleNotice})" : $"{protocol.Title} (version {protocol.Version})";
        return new QuestionnaireResponse.ItemComponent { LinkId = link, Text = title, Item = items };
    }

    private static QuestionnaireResponse.ItemComponent Answer(string linkId, string text, DataType value) =>
        new() { LinkId = linkId, Text = text, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] };

    private static CodeableConcept Concept(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)], Text = display };

    private static Identifier Identifier(TriageRecord record, string systemBase) =>
        new($"{systemBase}:triage-record", record.Id.ToString(CultureInfo.InvariantCulture));
}
