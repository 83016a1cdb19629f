using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Ivr.Domain.Appointments;
using Ivr.Domain.Ehr;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Server.EndToEndTests.Support;
using Ivr.Server;
using Ivr.Testing.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Server.EndToEndTests.Calls;

/// <summary>
/// Needs a real Asterisk and SIPp: routine callers on a real call. Office information from the practice's own menu;
/// appointment requests that reach the practice's EHR (the in-process FHIR double, validating every resource against
/// R4) at the level the practice has; a recorded greeting heard on the next call without a restart.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class RoutineCallerEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    private const string Menu = "menu: { message: 1, live-person: 2, office-information: 4, appointment: 5 }";

    [Fact]
    public async Task OfficeInformationSaysWhenTheOfficeOpensAndTheCallerCanStillLeaveAMessage()
    {
        var practice = TestPractice.Riverside() with
        {
            MoreYaml = """
                hours:
                  monday: "08:00-17:00"
                  tuesday: "08:00-17:00"
                  wednesday: "08:00-17:00"
                  thursday: "08:00-17:00"
                  friday: "08:00-17:00"
                office: { address: "12 River Road, Springfield", website: "riverside.example" }
                """ + "\n" + Menu,
        };
        await using var service = await ServiceUnderTest.StartAsync(5079, ["--Dispatch:Enabled=false"], practice);
        var said = await RenderedAsync(service, practice.Id);

        var patient = SippScript.Patient()
            .WhenAsked("menu-message").Press('4')
            .WhenAsked("menu-message").Press('1')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("callback-offer").Press('1')
            .WhenAsked("urgency-menu").Press('2')
            .WhenRecording().Speak().Press('#')
            .WhenAsked("review-menu").Press('1');
        await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
        await service.WaitForCallerAsync(sipp, Patience);

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        Assert.Equal("message-taken", call.Outcome);
        Assert.Contains(events, e => e.Kind == "state" && e.Name == nameof(CallState.OfficeInformation));
        var told = Assert.Single(events, e => e.Name == "office-information");
        Assert.StartsWith("said ", told.Detail, StringComparison.Ordinal);
        Assert.All(said, id => Assert.Contains(id, told.Detail, StringComparison.Ordinal));
        Assert.Equal(2, events.Count(e => e.Kind == "state" && e.Name == nameof(CallState.MainMenu)));
        Assert.Single(messages);
    }

    [Fact]
    public async Task AnAppointmentRequestReachesTheEhrAsAValidProposedAppointment()
    {
        await using var ehr = await FhirDouble.StartAsync();
        using var key = RSA.Create(2048);
        var practice = Linked(ehr, key, "propose");
        await using var service = await ServiceUnderTest.StartAsync(5079, [], practice);

        await using var sipp = await PatientCall.StartAsync(RequestUpToTheReason(), service.Directory);
        await service.WaitForCallerAsync(sipp, Patience);

        var (call, messages, events) = await PatientCall.CompletedAsync(service.Calls, service.Messages);
        var request = Assert.Single(messages);
        Assert.Equal("message-taken", call.Outcome);
        Assert.Equal(new AppointmentRequest(null) { Source = AppointmentSource.Phone, Standing = PatientStanding.Existing, BirthDate = new DateOnly(2019, 3, 4) }, request.Appointment);
        Assert.Contains(events, e => e.Kind == "state" && e.Name == nameof(CallState.AppointmentReason));

        var created = await ehr.ReceivedAsync(r => r.Method == "POST" && r.Resource is Appointment && r.Status is >= 200 and < 300, Patience, "the proposed Appointment");
        var appointment = Assert.IsType<Appointment>(created.Resource);
        Assert.Equal(Appointment.AppointmentStatus.Proposed, appointment.Status);
        Assert.Equal($"{request.Id}", Assert.Single(appointment.Identifier).Value);
        Assert.True(created.Validation is null || created.Validation.Success, created.Validation?.ToString());
        Assert.Single(ehr.Stored<Appointment>());
    }

    [Fact]
    public async Task AtTheBookLevelACallerBooksAFreeTimeAndTheNextCallerForThatTimeGetsTheNextOne()
    {
        await using var ehr = await FhirDouble.StartAsync();
        ehr.SeedSchedule("dr-chen", "Doctor Chen");
        var tomorrow = DateTimeOffset.UtcNow.Date.AddDays(1).AddHours(15);
        var first = ehr.SeedSlot("dr-chen", new DateTimeOffset(tomorrow, TimeSpan.Zero), TimeSpan.FromMinutes(20));
        var second = ehr.SeedSlot("dr-chen", new DateTimeOffset(tomorrow, TimeSpan.Zero).AddHours(1), TimeSpan.FromMinutes(20));
        using var key = RSA.Create(2048);
        var practice = Linked(ehr, key, "book", "schedules: [dr-chen]");
        // The caller's short wait on the EHR (4 s) is the product's; on a loaded test machine the first token and search
        // can take longer, which would send both callers to the office (that path is the unit tests'), so it is longer here.
        await using var service = await ServiceUnderTest.StartAsync(5079, ["--Dispatch:Enabled=false", "--CallFlow:EhrTimeout=00:00:30"], practice);

        foreach (var caller in new[] { 1, 2 })
        {
            var patient = RequestUpToTheReason()
                .WhenAsked("appointment-slots-office").Press('1')
                .WhenAsked("outbound-slot-confirm").Press('1');
            await using var sipp = await PatientCall.StartAsync(patient, service.Directory);
            await service.WaitForCallerAsync(sipp, Patience);
        }

        var messages = await Eventually.ValueAsync(async () => await service.Messages.ListAsync(10) is { Count: 2 } all && all.All(m => m.Appointment?.Booked is not null) ? all : null, Patience, "two booked requests");
        var booked = messages.OrderBy(m => m.Id).Select(m => m.Appointment!.Booked!).ToList();
        Assert.Equal([first.Start, second.Start], booked.Select(b => (DateTimeOffset?)b.Start));
        var appointments = ehr.Stored<Appointment>().Where(a => a.Status == Appointment.AppointmentStatus.Booked).ToList();
        Assert.Equal(2, appointments.Count);
        Assert.Equal(["Slot/" + first.Id, "Slot/" + second.Id], appointments.OrderBy(a => a.Start).Select(a => Assert.Single(a.Slot).Reference));
        Assert.All(ehr.Stored<Slot>(), s => Assert.Equal(Slot.SlotStatus.Busy, s.Status));
    }

    [Fact]
    public async Task WhenTheEhrIsDownTheRequestIsKeptAndArrivesOnceItIsBack()
    {
        await using var ehr = await FhirDouble.StartAsync();
        using var key = RSA.Create(2048);
        var practice = Linked(ehr, key, "propose");
        await using var service = await ServiceUnderTest.StartAsync(5079, ["--Dispatch:EhrFirstRetry=00:00:02"], practice);
        ehr.Faults.Down();

        await using var sipp = await PatientCall.StartAsync(RequestUpToTheReason(), service.Directory);
        await service.WaitForCallerAsync(sipp, Patience);
        var request = Assert.Single((await PatientCall.CompletedAsync(service.Calls, service.Messages)).Messages);

        // The first tries meet a 503; the request waits in the database, the practice told it has not gone through.
        await ehr.ReceivedAsync(r => r.Status == 503, Patience, "a try while the EHR is down");
        var waiting = await Eventually.ValueAsync(async () => (await service.Dispatch.HistoryAsync(request.Id)).FirstOrDefault(h => h.Detail.Contains("not yet delivered", StringComparison.Ordinal)), Patience, "the history to say the EHR has not got it yet");
        Assert.Contains("trying again", waiting.Detail, StringComparison.Ordinal);
        Assert.Empty(ehr.Stored<Appointment>());

        ehr.Faults.Up();
        await ehr.ReceivedAsync(r => r.Method == "POST" && r.Resource is Appointment && r.Status is >= 200 and < 300, Patience, "the proposed Appointment once the EHR is back");
        var delivered = await Eventually.ValueAsync(async () => (await service.Dispatch.HistoryAsync(request.Id)).FirstOrDefault(h => h.Detail.StartsWith("EHR: proposed", StringComparison.Ordinal)), Patience, "the history to say it was delivered");
        Assert.Contains("Appointment/", delivered.Detail, StringComparison.Ordinal);
        var appointment = Assert.Single(ehr.Stored<Appointment>());
        Assert.Equal($"{request.Id}", Assert.Single(appointment.Identifier).Value);
    }

    [Fact]
    public async Task ARecordedGreetingIsHeardOnTheNextCallWithoutARestart()
    {
        var practice = TestPractice.Riverside();
        await using var service = await ServiceUnderTest.StartAsync(5079, ["--Dispatch:Enabled=false"], practice);
        await using (var before = await PatientCall.StartAsync(SippScript.Patient().WhenAsked(practice.Greeting).HangUp(), service.Directory))
        {
            Assert.Equal(0, await service.WaitForCallerAsync(before, Patience));
        }

        // A practice admin's recording (here a tone made with sox, as an upload would be): prepared, then kept.
        var upload = Path.Combine(service.Directory, "greeting-upload.wav");
        await RunAsync("sox", "-n", "-r", "44100", "-c", "2", upload, "synth", "2", "sine", "440", "vol", "0.3");
        var audio = service.Get<IPromptAudio>();
        var draft = await audio.PrepareAsync(practice.Id, PromptRecording.Greeting, upload, CancellationToken.None);
        var kept = await audio.KeepAsync(draft, PromptVoice.Uploaded, "admin@riverside.test", CancellationToken.None);
        Assert.StartsWith("ivr/recorded/", kept.Sound, StringComparison.Ordinal);

        await using var after = await PatientCall.StartAsync(SippScript.Patient().When(CallerCue.SoundStartingWith(kept.Sound)).HangUp(), service.Directory);
        Assert.Equal(0, await service.WaitForCallerAsync(after, Patience));
    }

    [Fact]
    public async Task APracticeAdminRecordsTheGreetingByTelephoneAndTheNextCallerHearsIt()
    {
        var practice = TestPractice.Riverside();
        await using var service = await ServiceUnderTest.StartAsync(5079, ["--Dispatch:Enabled=false"], practice);
        await CommandAsync(service, "correct horse battery", "user", "add", "amy", "--role", "practice-admin", "--practice", practice.Id);
        await CommandAsync(service, "735921", "prompt-pin", "set", "amy");

        // Her PIN, prompt 0 (the greeting), a recording, 1 to keep; then she hangs up when asked for another prompt.
        var admin = SippScript.Patient()
            .WhenAsked("prompt-line-pin").PressAll("735921#")
            .WhenAsked("prompt-line-number").PressAll("0#")
            .WhenRecording().Speak().Press('#')
            .WhenAsked("prompt-line-review").Press('1')
            .WhenAsked("prompt-line-number").HangUp();
        await using (var line = await PatientCall.StartAsync(admin, service.Directory, "7767"))
        {
            Assert.Equal(0, await service.WaitForCallerAsync(line, Patience));
        }

        var kept = Assert.Single(await service.Get<IPromptRecordingStore>().ListAsync(practice.Id, CancellationToken.None));
        Assert.Equal((PromptRecording.Greeting, PromptVoice.Telephone), (kept.PromptId, kept.Voice));
        Assert.Contains("amy", kept.KeptBy, StringComparison.Ordinal);
        await using var caller = await PatientCall.StartAsync(SippScript.Patient().When(CallerCue.SoundStartingWith(kept.Sound)).HangUp(), service.Directory);
        Assert.Equal(0, await service.WaitForCallerAsync(caller, Patience));
    }

    private static async Task CommandAsync(ServiceUnderTest service, string input, params string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync([.. arguments, .. service.Settings], output, output, new StringReader(input));
        Assert.True(exitCode == 0, output.ToString());
    }

    /// <summary>A caller who asks for an appointment: existing patient, name, date of birth 03/04/2019 confirmed, the caller id as callback, any day, any time, the reason.</summary>
    private static SippScript RequestUpToTheReason() => SippScript.Patient()
        .WhenAsked("menu-message").Press('5')
        .WhenAsked("appointment-standing").Press('2')
        .WhenRecording().Speak().Press('#')
        .WhenAsked("appointment-birth-date").PressAll("03042019")
        .WhenAsked("callback-confirm").Press('1')
        .WhenAsked("callback-offer").Press('1')
        .WhenAsked("appointment-days").Press('3')
        .WhenAsked("appointment-time").Press('3')
        .WhenRecording().Speak().Press('#');

    /// <summary>Riverside with the appointment choice on 5 and an EHR link at <paramref name="level"/>, its client key registered with the double.</summary>
    private static TestPractice Linked(FhirDouble ehr, RSA key, string level, string more = "") =>
        EhrLinkedPractice.Linked(TestPractice.Riverside(), ehr, key, level, more);

    /// <summary>Waits until the sentences the office information says now are rendered (at the service's start); returns their prompt ids.</summary>
    private static async Task<IReadOnlyList<string>> RenderedAsync(ServiceUnderTest service, string practiceId)
    {
        var practice = (await service.Get<IPracticeStore>().GetAsync(practiceId))!;
        var rendered = service.Get<IRenderedPrompts>();
        return await Eventually.ValueAsync(
            () => System.Threading.Tasks.Task.FromResult(OfficeInformation.Of(practice).PromptIdsAt(DateTimeOffset.UtcNow) is { Count: > 0 } ids && ids.All(rendered.Has) ? ids : null),
            Patience,
            "the office information's sentences to be rendered");
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }
}
