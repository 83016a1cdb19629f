using System.Globalization;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Flow;
using Ivr.Domain.Outbound;
using Ivr.Server.EndToEndTests.Support;
using Ivr.Testing.Fhir;
using Task = System.Threading.Tasks.Task;

namespace Ivr.Server.EndToEndTests.Outbound;

/// <summary>
/// Needs a real Asterisk and SIPp: the service dials a campaign's patients over AMI, each patient a SIPp phone (a person
/// who says hello, an answering machine with a long greeting, a busy line, a phone nobody answers); Asterisk's AMD()
/// tells people from machines; what happens is read back from the service's database and Asterisk's events.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class CampaignEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task APersonConfirmsAMachineGetsTheVoicemailABusyLineAndAnUnansweredPhoneAreCalledAgainAndTheRetryIsAnswered()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(WithAgiEvents());
        await using var plays = new AmiEventLog(ami, "AGIExecStart");
        await using var person = await PersonPressing('1').AnswerAsync();
        // Up to three calls a day reach each of these: the machine and the busy line are never confirmed.
        await using var machine = await SippScript.Phone().PlayGreeting().AnswerAsync(calls: 3);
        await using var busy = await SippScript.BusyPhone().AnswerAsync(calls: 3);
        var unanswered = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var phones = new Dictionary<string, int> { [Person] = person.Port, [Machine] = machine.Port, [Busy] = busy.Port, [Unanswered] = unanswered.Port };
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(phones), TestPractice.Riverside(supervisor.Port));
        var store = service.Get<ICampaignStore>();

        var id = await StartAsync(store, CampaignKind.Cancellation, [Person, Machine, Busy, Unanswered]);

        // The unanswered phone's first call rings out; then the patient picks up on the retry.
        var first = await Eventually.ValueAsync(async () => (await AttemptsOfAsync(store, id, Unanswered)).FirstOrDefault(a => a.EndedAt is not null), Patience, "the unanswered phone's first attempt");
        Assert.Equal(AttemptResult.NoAnswer, first.Result);
        await unanswered.DisposeAsync();
        await using var retried = await PersonPressing('1').AnswerAsync(unanswered.Port);

        var confirmed = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)) is var all && all.Count(p => p.Progress == PatientProgress.Confirmed) == 2 ? all : null, Patience, Saying("the person and the retried patient to confirm", service));
        var byName = confirmed.ToDictionary(p => p.Patient.Name);
        Assert.Equal(PatientProgress.Confirmed, byName[Person].Progress);
        Assert.Equal(PatientProgress.Confirmed, byName[Unanswered].Progress);

        var personCall = Assert.Single(await AttemptsOfAsync(store, id, Person));
        Assert.Equal((AttemptResult.Confirmed, "HUMAN"), (personCall.Result, personCall.AmdStatus));
        Assert.Equal("none", personCall.Rule);
        var retry = (await AttemptsOfAsync(store, id, Unanswered)).Last();
        Assert.Equal((AttemptResult.Confirmed, "HUMAN"), (retry.Result, retry.AmdStatus));

        var machineCalls = await Eventually.ValueAsync(async () => await AttemptsOfAsync(store, id, Machine) is { Count: >= 2 } calls && calls.Take(2).All(c => c.EndedAt is not null) ? calls.Take(2).ToList() : null, Patience, "the machine to be called twice");
        Assert.All(machineCalls, c => Assert.Equal((AttemptResult.VoicemailLeft, "MACHINE"), (c.Result, c.AmdStatus)));
        Assert.Equal(PatientProgress.VoicemailLeft, (await store.PatientAsync(byName[Machine].Id))!.Progress);

        var busyCalls = await Eventually.ValueAsync(async () => await AttemptsOfAsync(store, id, Busy) is { Count: >= 2 } calls && calls.Take(2).All(c => c.EndedAt is not null) ? calls.Take(2).ToList() : null, Patience, "the busy line to be called twice");
        Assert.All(busyCalls, c => Assert.Equal(AttemptResult.Busy, c.Result));

        // The voicemail plays only after the machine's greeting ended, and carries no medical words; the person heard the menu.
        Assert.True(plays.FirstAt(e => (e["Command"] ?? string.Empty).Contains("WaitForSilence", StringComparison.OrdinalIgnoreCase)) is not null, "the voicemail waits for the greeting to end");
        Assert.DoesNotContain("appointment on Friday", CampaignScript.Voicemail("Riverside Pediatrics", (await store.GetAsync(id))!), StringComparison.Ordinal);

        await store.ChangeStateAsync(id, CampaignState.Running, CampaignState.Cancelled, DateTimeOffset.UtcNow);
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TwoPatientsRacingForOneTimeNeverBothGetItAndTheSecondIsOfferedTheNext()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var first = await Rescheduling().AnswerAsync();
        await using var second = await Rescheduling().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var phones = new Dictionary<string, int> { [Person] = first.Port, [Machine] = second.Port };
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(phones), TestPractice.Riverside(supervisor.Port));
        var store = service.Get<ICampaignStore>();
        var tomorrow = DateTime.UtcNow.Date.AddDays(2);

        var id = await StartAsync(store, CampaignKind.Reschedule, [Person, Machine], [tomorrow.AddHours(9), tomorrow.AddHours(10)]);

        var done = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)) is var all && all.All(p => p.Progress == PatientProgress.Rescheduled) ? all : null, Patience, Saying("both patients to book a time", service));
        var slots = done.Select(p => p.SlotId).ToList();
        Assert.Equal(2, slots.Distinct().Count());
        Assert.Empty(await store.OpenSlotsAsync(id));
        Assert.All(await store.AttemptsAsync(id), a => Assert.Equal(AttemptResult.Rescheduled, a.Result));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task WhereTheEhrBooksTwoPatientsRacingAreOfferedItsFreeSlotsAndEachIsBookedInTheEhrInADifferentOne()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ehr = await FhirDouble.StartAsync();
        ehr.SeedSchedule("dr-chen", "Doctor Chen");
        var day = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(15), TimeSpan.Zero);
        var slots = new[] { ehr.SeedSlot("dr-chen", day, TimeSpan.FromMinutes(20)), ehr.SeedSlot("dr-chen", day.AddHours(1), TimeSpan.FromMinutes(20)) };
        using var key = RSA.Create(2048);
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var first = await Rescheduling().AnswerAsync();
        await using var second = await Rescheduling().AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        var phones = new Dictionary<string, int> { [Person] = first.Port, [Machine] = second.Port };
        var practice = EhrLinkedPractice.Linked(TestPractice.Riverside(supervisor.Port), ehr, key, "book", "schedules: [dr-chen]", menu: string.Empty);
        // The patient's short wait on the EHR is the product's; on a loaded test machine the first token and search can take
        // longer (that path, the typed times or the office, is the unit tests'), so it is longer here.
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, [.. Settings(phones), "--Outbound:EhrTimeout=00:00:30"], practice);
        var store = service.Get<ICampaignStore>();

        // No typed times: every time offered is one of the EHR's.
        var id = await StartAsync(store, CampaignKind.Reschedule, [Person, Machine]);

        var done = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)) is var all && all.All(p => p.Progress == PatientProgress.Rescheduled) && (await store.AttemptsAsync(id)).All(a => a.EndedAt is not null) ? all : null, Patience, Saying("both patients to book a time in the EHR", service));
        var mirrored = (await store.SlotsAsync(id)).ToDictionary(s => s.Id);
        Assert.Equal(slots.Select(s => s.Id).Order(), done.Select(p => mirrored[p.SlotId!.Value].EhrSlotId).Order());
        Assert.All(await store.AttemptsAsync(id), a => Assert.Contains("booked in the EHR: Appointment/", a.Detail, StringComparison.Ordinal));
        var appointments = ehr.Stored<Appointment>().Where(a => a.Status == Appointment.AppointmentStatus.Booked).ToList();
        Assert.Equal(done.Select(p => $"campaign-{id}-patient-{p.Id}").Order(), appointments.Select(a => Assert.Single(a.Identifier).Value ?? string.Empty).Select(v => v[..v.IndexOf("-slot-", StringComparison.Ordinal)]).Order());
        Assert.Equal(slots.Select(s => "Slot/" + s.Id).Order(), appointments.Select(a => Assert.Single(a.Slot).Reference).Order());
        Assert.All(ehr.Stored<Slot>(), s => Assert.Equal(Slot.SlotStatus.Busy, s.Status));
        Assert.All(ehr.Requests.Where(r => r.Method == "POST" || r.Method == "PUT"), r => Assert.True(r.Validation is null || r.Validation.Success, r.Validation?.ToString()));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task EightStopsTheCallsAndALaterCampaignOfThePracticeNeverDialsTheNumber()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var dials = new AmiEventLog(ami, "DialBegin");
        await using var person = await PersonPressing('8').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(new() { [Person] = person.Port }), TestPractice.Riverside(supervisor.Port));
        var store = service.Get<ICampaignStore>();

        var id = await StartAsync(store, CampaignKind.Notice, [Person]);
        // The patient is opted out the moment they press 8; their attempt's result is written when the call ends, after the goodbye.
        var stopped = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)).SingleOrDefault(p => p.Progress == PatientProgress.OptedOut) is { } optedOut && (await store.AttemptsAsync(id)).All(a => a.EndedAt is not null) ? optedOut : null, Patience, Saying("the opt-out and the end of its call", service));
        Assert.Equal(AttemptResult.OptedOut, Assert.Single(await store.AttemptsAsync(id)).Result);
        Assert.NotNull(await store.OptedOutAtAsync("riverside-pediatrics", Numbers[Person]));

        var later = await StartAsync(store, CampaignKind.Cancellation, [Person]);
        var held = await Eventually.ValueAsync(async () => (await store.PatientsAsync(later)).SingleOrDefault(p => p.HeldBy == "opt-out"), Patience, "the later campaign to hold the number back");
        Assert.Equal(PatientProgress.OptedOut, held.Progress);
        Assert.Empty(await store.AttemptsAsync(later));
        Assert.Single(dials.Events, e => (e["DialString"] ?? string.Empty).Contains(Numbers[Person], StringComparison.Ordinal));
        await RealAsterisk.AssertNoChannelsLeftAsync(ami, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task APatientWhoseCallingWindowIsClosedIsHeldUntilItOpensAndNeverDialled()
    {
        await RealAsterisk.HangUpLeftoversAsync();
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        await using var dials = new AmiEventLog(ami, "DialBegin");
        await using var person = await PersonPressing('1').AnswerAsync();
        await using var supervisor = await SippScript.PhoneThatNeverAnswers().AnswerAsync();
        await using var service = await ServiceUnderTest.StartAsync(supervisor.Port, Settings(new() { [Person] = person.Port }), TestPractice.Riverside(supervisor.Port));
        var store = service.Get<ICampaignStore>();
        var night = ZoneWhereItIs(3);

        var id = await StartAsync(store, CampaignKind.Cancellation, [Person], zone: night);

        var held = await Eventually.ValueAsync(async () => (await store.PatientsAsync(id)).SingleOrDefault(p => p.HeldBy == "calling-window"), Patience, Saying("the window to hold the patient back", service));
        var opens = new Ivr.Domain.Scheduling.ZoneClock(night).Local(held.NextAt!.Value);
        Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(opens));
        Assert.Equal(PatientProgress.Waiting, held.Progress);
        Assert.Empty(await store.AttemptsAsync(id));
        Assert.DoesNotContain(dials.Events, e => (e["DialString"] ?? string.Empty).Contains(Numbers[Person], StringComparison.Ordinal));
    }

    internal const string Person = "Ana Person";
    internal const string Machine = "Mo Machine";
    internal const string Busy = "Bea Busy";
    internal const string Unanswered = "Una Answered";

    /// <summary>Each test patient's number (valid US numbers in a fictional exchange).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Numbers = new Dictionary<string, string>
    {
        [Person] = "+13125550101",
        [Machine] = "+13125550102",
        [Busy] = "+13125550103",
        [Unanswered] = "+13125550104",
    };

    /// <summary>A person: says hello when AMD listens, then presses <paramref name="key"/> at the menu.</summary>
    internal static SippScript PersonPressing(char key) =>
        SippScript.Phone().When(CallerCue.Amd).SayHello().WhenAsked(PromptIds.OutboundMenu).Press(key);

    /// <summary>
    /// A person who wants a new time: 3, the first time offered, then books it; when another patient took it meanwhile,
    /// the first of the times still open (the script's last steps then wait for cues that never come to a patient who
    /// booked at once; the service hangs that patient up).
    /// </summary>
    private static SippScript Rescheduling() =>
        SippScript.Phone().When(CallerCue.Amd).SayHello()
            .WhenAsked(PromptIds.OutboundMenuReschedule).Press('3')
            .WhenAsked(PromptIds.OutboundSlotsOffice).Press('1')
            .WhenAsked(PromptIds.OutboundSlotConfirm).Press('1')
            .WhenAsked(PromptIds.OutboundSlotsOffice).Press('1')
            .WhenAsked(PromptIds.OutboundSlotConfirm).Press('1');

    /// <summary>The service's settings: fast polling, a short ring, and each test number routed to its SIPp phone.</summary>
    internal static string[] Settings(Dictionary<string, int> phones) =>
    [
        "--Outbound:PollInterval=00:00:00.250",
        "--Outbound:RingTimeout=00:00:08",
        .. phones.Select(p => $"--Outbound:Routes:{Numbers[p.Key]}=PJSIP/sipp/sip:{{number}}@127.0.0.1:{p.Value.ToString(CultureInfo.InvariantCulture)}"),
    ];

    /// <summary>A running campaign of the Riverside practice in a zone where it is midday (or <paramref name="zone"/>), retrying after 5 s up to 3 calls a day (or the law's one).</summary>
    internal static async Task<long> StartAsync(ICampaignStore store, CampaignKind kind, IReadOnlyList<string> patients, IReadOnlyList<DateTime>? slots = null, string? zone = null, bool retryOnceADay = false)
    {
        var campaign = new Campaign
        {
            PracticeId = "riverside-pediatrics",
            Title = "Dr. One is out on Friday",
            Kind = kind,
            Words = "Your appointment on Friday with doctor one is cancelled because the doctor is away.",
            CallbackNumber = "3125550199",
            TimeZone = zone ?? ZoneWhereItIs(12),
            EndsBy = DateTimeOffset.UtcNow.AddDays(3),
            CreatedBy = "e2e",
            MaxChannels = 4,
            Rules = retryOnceADay ? CallingRules.Default : CallingRules.Default with { MaxPerDay = 3 },
            Retry = RetryRules.Default with { Waits = [TimeSpan.FromSeconds(5)] },
        };
        var list = patients.Select((name, i) => new CampaignPatient(i + 2, name, Numbers[name], null, null, null)).ToList();
        slots ??= [];
        var id = await store.CreateAsync(campaign, list, slots, [.. slots.Select(_ => (string?)null)]);
        Assert.True(await store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, DateTimeOffset.UtcNow));
        return id;
    }

    /// <summary>A fixed-offset zone where the hour now is <paramref name="hour"/> (or the nearest the zones reach).</summary>
    internal static string ZoneWhereItIs(int hour)
    {
        var offset = hour - DateTime.UtcNow.Hour;
        offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
        offset = Math.Clamp(offset, -12, 14);
        // Etc/GMT's signs are POSIX's: Etc/GMT-5 is five hours ahead of UTC.
        return offset == 0 ? "Etc/UTC" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>An AMI login that hears the FastAGI commands too (<c>AGIExecStart</c>), as well as calls.</summary>
    internal static AmiClientOptions WithAgiEvents()
    {
        var options = RealAsterisk.AmiOptions();
        options.Events = "agi,call,dialplan";
        return options;
    }

    /// <summary>What a test waited for, with the end of the service's log, for a failure that says why.</summary>
    internal static Func<Task<string>> Saying(string what, ServiceUnderTest service) => () => Task.FromResult($"{what}\nThe service's log:\n{service.LogTail()}");

    private static async Task<IReadOnlyList<CampaignAttempt>> AttemptsOfAsync(ICampaignStore store, long campaignId, string name)
    {
        var patient = (await store.PatientsAsync(campaignId)).Single(p => p.Patient.Name == name);
        return (await store.AttemptsAsync(campaignId)).Where(a => a.PatientId == patient.Id).ToList();
    }
}
