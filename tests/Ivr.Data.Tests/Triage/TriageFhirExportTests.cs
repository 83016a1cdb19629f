// Firely's POCOs declare every element nullable; these tests read what the export just set.
#nullable disable warnings
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ivr.Data.Fhir;
using Ivr.Data.Tests.Support;
using Ivr.Data.Triage;
using Ivr.Domain.Triage;
using Ivr.Testing.Fhir;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Triage;

/// <summary>
/// Needs nothing but the R4 core definitions the test package ships (specification.zip, read offline):
/// the triage export validated against FHIR R4 with Firely's validator (the one the FHIR test double uses,
/// loaded once per process).
/// </summary>
public sealed class TriageFhirExportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 10, 0, TimeSpan.Zero);


    [Fact]
    public void TheExportOfATriageWithTwoProtocolsAndADowngradeIsValidR4()
    {
        var bundle = TriageFhirExport.Bundle(Record());

        var outcome = FhirR4.Validate(bundle);

        Assert.True(outcome.Success, outcome.ToJson());
        Assert.DoesNotContain(outcome.Issue, i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
        Assert.All(bundle.Entry, e => Assert.True(FhirR4.Validate(e.Resource).Success, FhirR4.Validate(e.Resource).ToJson()));
    }

    [Fact]
    public void TheResponseKeepsEachProtocolVersionQuestionAndAnswerAndTheOutcome()
    {
        var response = TriageFhirExport.Response(Record());

        Assert.Equal(["fever-child|1", "rash-after-immunization|1", "outcome"], response.Item.Select(i => i.LinkId));
        var fever = response.Item[0];
        Assert.Equal("Fever in a child (version 1, example, not for clinical use)", fever.Text);
        Assert.Equal("fever-child|1/breathing-or-unresponsive", fever.Item[0].LinkId);
        Assert.Equal(false, ((FhirBoolean)fever.Item[0].Answer[0].Value).Value);
        Assert.Equal(true, ((FhirBoolean)fever.Item[1].Answer[0].Value).Value);
        Assert.Equal("ed-now", ((Coding)fever.Item.Single(i => i.LinkId == "fever-child|1/disposition").Answer[0].Value).Code);
        var outcome = response.Item[2].Item.ToDictionary(i => i.LinkId, i => i.Answer[0].Value);
        Assert.Equal("ed-now", ((Coding)outcome["computed-disposition"]).Code);
        Assert.Equal("see-now", ((Coding)outcome["final-disposition"]).Code);
        Assert.Equal("down", ((Coding)outcome["override-direction"]).Code);
        Assert.Equal(true, ((FhirBoolean)outcome["physician-review"]).Value);
        Assert.Equal("nurse-garcia", response.Author.Display);
        Assert.Equal("42", response.Identifier.Value);
    }

    [Fact]
    public void TheObservationCodesTheFinalDispositionAndPointsAtTheResponse()
    {
        var bundle = TriageFhirExport.Bundle(Record());
        var observation = (Observation)bundle.Entry[1].Resource;

        var value = (CodeableConcept)observation.Value;

        Assert.Equal(("urn:ivr:triage-disposition", "see-now"), (value.Coding[0].System, value.Coding[0].Code));
        Assert.Equal(bundle.Entry[0].FullUrl, observation.DerivedFrom[0].Reference);
        Assert.Equal(["computed-disposition", "override-direction", "override-reason"], observation.Component.Select(c => c.Code.Coding[0].Code));
    }

    [Fact]
    public void TheValidatorRefusesAResponseMissingWhatR4Requires()
    {
        var response = TriageFhirExport.Response(Record());
        response.Status = null;
        response.Item[0].LinkId = null;

        var outcome = FhirR4.Validate(response);

        Assert.False(outcome.Success);
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Details.Text.Contains("status", StringComparison.Ordinal));
    }

    [Fact]
    public void TheValidatorChecksR4sInvariantsToo()
    {
        var observation = TriageFhirExport.Observation(Record());
        observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown");

        var outcome = FhirR4.Validate(observation);

        Assert.False(outcome.Success);
        Assert.Contains(outcome.Issue, i => i.Details.Text.Contains("obs-6", StringComparison.Ordinal));
    }

    private static TriageRecord Record()
    {
        var time = new FakeTimeProvider(Start);
        var session = new TriageSession("nurse-garcia", time);
        session.Use(ProtocolFileReader.Read(Path.Combine(RepositoryFiles.Root, "protocols", "examples", "fever-child.yaml")));
        session.Answer(yes: false);
        time.Advance(TimeSpan.FromSeconds(15));
        session.Answer(yes: true);
        session.Use(ProtocolFileReader.Read(Path.Combine(RepositoryFiles.Root, "protocols", "examples", "rash-after-immunization.yaml")));
        for (var i = 0; i < 5; i++)
        {
            session.Answer(yes: false);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        session.OverrideTo(Disposition.SeeClinicianNow, "temperature taken again: 99.1 F, baby feeding well");
        return new TriageRecord { Id = 42, CallRecordId = 7, PracticeId = "riverside", Pathway = session.Complete("mother will bring baby to urgent care") };
    }
}
