using System.Net;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ivr.Testing;

/// <summary>
/// The service's own host (what <c>ivr serve</c> runs) with the portal on a free loopback port, over a
/// SQLite file, key and certificate in a fresh temporary folder. No Asterisk: the AMI connection is
/// off and FastAGI listens on a free port, so it never meets the service the call tests run.
/// </summary>
public sealed class PortalUnderTest : IAsyncDisposable
{
    public const string PracticeA = "riverside-pediatrics";
    public const string PracticeB = "harbor-internal-medicine";

    private static readonly DateTimeOffset Received = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);
    private readonly IHost _host;
    private int _calls;

    private PortalUnderTest(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public string Directory { get; }

    /// <summary>Where the portal listens, e.g. <c>https://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; }

    public static Task<PortalUnderTest> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>The same on the given clock (e.g. a <c>FakeTimeProvider</c>): sessions, lockouts and the live stream's timers follow it.</summary>
    public static Task<PortalUnderTest> StartAsync(TimeProvider? time, params string[] settings) => StartAsync(time, null, settings);

    /// <summary>The same with services of the test's own (e.g. a fake desk) registered after the host's, so they win.</summary>
    public static async Task<PortalUnderTest> StartAsync(TimeProvider? time, Action<IServiceCollection>? configure, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ivr-portal-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "sounds"));
        string[] arguments =
        [
            $"--Data:ConnectionString=Data Source={Path.Combine(directory, "ivr.db")}",
            $"--Data:KeyFile={Path.Combine(directory, "phi.key")}",
            $"--Recordings:HostDirectory={Path.Combine(directory, "recordings")}",
            $"--Prompts:SoundsDirectory={Path.Combine(directory, "sounds")}",
            $"--Portal:CertificatePath={Path.Combine(directory, "portal", "certificate.pfx")}",
            $"--Portal:KeysDirectory={Path.Combine(directory, "portal", "keys")}",
            $"--Phones:Database={Path.Combine(directory, "phones.db")}",
            "--Portal:Port=0",
            "--Asterisk:FastAgi:Port=0",
            "--Asterisk:Ami:Secret=",
            "--Dispatch:Enabled=false",
            "--Outbound:Enabled=false",
            // Speech comes from flite alone (festival switched off), so a machine with or without festival renders alike.
            "--Prompts:Festival=",
            .. settings,
        ];
        var host = IvrHost.Build(arguments, collection =>
        {
            if (time is not null)
            {
                collection.AddSingleton(time);
            }

            configure?.Invoke(collection);
        });
        await host.StartAsync();
        // A new database requires a second factor of every role that sees patient data; tests that are
        // not about sign-in use the password alone, and those that are call RequireSecondFactorAsync.
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            await host.Services.GetRequiredService<ISecondFactorStore>().SetRequiredAsync(role, false, "test", DateTimeOffset.UtcNow);
        }

        return new PortalUnderTest(host, directory);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A client with its own cookies that trusts the portal's self-signed certificate.</summary>
    public HttpClient Client(bool followRedirects = true)
    {
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = followRedirects,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Two practices in two zones: A (Riverside, dr-lee and dr-patel) and B (Harbor, dr-kahale).</summary>
    public async Task SeedPracticesAsync()
    {
        var store = Get<IPracticeStore>();
        await store.SaveAsync(Practice(PracticeA, "Riverside Pediatrics", "America/New_York", "15550100", ("dr-lee", "Dr. Amy Lee"), ("dr-patel", "Dr. Raj Patel")), "test");
        await store.SaveAsync(Practice(PracticeB, "Harbor Internal Medicine", "Pacific/Honolulu", "15550200", ("dr-kahale", "Dr. Leilani Kahale")), "test");
    }

    /// <summary>Makes every user of <paramref name="role"/> sign in with a second factor, as a new database does.</summary>
    public Task RequireSecondFactorAsync(PortalRole role) => Get<ISecondFactorStore>().SetRequiredAsync(role, true, "test", DateTimeOffset.UtcNow);

    public async Task<long> AddUserAsync(string username, string password, PortalRole role, string? practiceId = null, string? clinicianId = null)
    {
        var user = new PortalUser { Username = username, PasswordHash = string.Empty, Role = role, PracticeId = practiceId, ClinicianId = clinicianId, CreatedAt = DateTimeOffset.UtcNow };
        user = user with { PasswordHash = Get<IPasswordHasher<PortalUser>>().HashPassword(user, password) };
        return await Get<IUserStore>().AddAsync(user);
    }

    /// <summary>A call and the message it left, received <paramref name="minutesAfter"/> minutes after a fixed night; with a real recording sealed as calls seal them.</summary>
    public async Task<long> SeedMessageAsync(string practiceId, Urgency urgency, int minutesAfter = 0, string callback = "5559876543", bool withRecording = true)
    {
        var number = Interlocked.Increment(ref _calls);
        var at = Received.AddMinutes(minutesAfter);
        var calls = Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord { UniqueId = $"1763795400.{number}", PracticeId = practiceId, DialedNumber = "15550100", CallerId = callback, StartedAt = at, CoverageMode = "after-hours", RouteReason = "outside office hours" });
        await calls.MarkAnsweredAsync(callId, at.AddSeconds(1));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(1), "state", "Greeting", "entered"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(8), "state", "MainMenu", "greeting played"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(9), "state", "RecordName", "pressed 1: leave a message"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(14), "state", "CallbackOffer", "name recorded"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(17), "state", "UrgencyChoice", "pressed 1: the number calling"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(19), "decision", "urgency", urgency == Urgency.Urgent ? "pressed 2: urgent message" : "pressed 1: routine message"));
        await calls.AppendEventAsync(callId, new CallEvent(at.AddSeconds(20), "state", "RecordMessage", "entered"));
        string? recording = null;
        if (withRecording)
        {
            var folder = Path.Combine(Directory, "recordings");
            System.IO.Directory.CreateDirectory(folder);
            recording = Path.Combine(folder, $"1763795400.{number}-message.wav");
            await File.WriteAllBytesAsync(recording, TestWav.Tone(TimeSpan.FromSeconds(2)));
            await Get<RecordingVault>().SealAsync(recording);
        }

        var id = await Get<IMessageStore>().SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = practiceId,
            Urgency = urgency,
            CallbackNumber = callback,
            CallerId = callback,
            MessageRecording = recording,
            MessageSeconds = withRecording ? 2 : 0,
            ReceivedAt = at,
        });
        await calls.CompleteAsync(callId, at.AddSeconds(40), "message-taken", "message taken");
        return id;
    }

    /// <summary>A call answered at the desk and the message <paramref name="operatorName"/> typed for it, as the desk saves it (one per call).</summary>
    public async Task<long> SeedTypedMessageAsync(string practiceId, DeskMessageForm form, string operatorName, int minutesAfter = 0)
    {
        var number = Interlocked.Increment(ref _calls);
        var at = Received.AddMinutes(minutesAfter);
        var calls = Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord { UniqueId = $"1763795400.{number}", PracticeId = practiceId, DialedNumber = "15550100", CallerId = "5551230000", StartedAt = at, CoverageMode = "after-hours", RouteReason = "outside office hours" });
        await calls.MarkAnsweredAsync(callId, at.AddSeconds(1));
        var (id, _) = await Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(form, callId, practiceId, "5551230000", operatorName, at.AddSeconds(90))));
        await calls.CompleteAsync(callId, at.AddSeconds(120), "message-taken", "message typed at the desk");
        return id;
    }

    /// <summary>
    /// A call an operator patched to <paramref name="clinicianId"/> and the summary the desk left them when it ended:
    /// the call came in at the fixed night plus <paramref name="minutesAfter"/>, the clinician joined 2 min later and
    /// stayed 6 min 35 s; with <paramref name="typed"/>, the operator's message for the call, which the summary names.
    /// Returns the summary's id and the typed message's (null without one).
    /// </summary>
    public async Task<(long SummaryId, long? TypedId)> SeedPatchSummaryAsync(string practiceId, string clinicianId, string operatorName, DeskMessageForm? typed = null, int minutesAfter = 0)
    {
        var number = Interlocked.Increment(ref _calls);
        var at = Received.AddMinutes(minutesAfter);
        var calls = Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord { UniqueId = $"1763795400.{number}", PracticeId = practiceId, DialedNumber = "15550100", CallerId = "5551230000", StartedAt = at, CoverageMode = "after-hours", RouteReason = "outside office hours" });
        await calls.MarkAnsweredAsync(callId, at.AddSeconds(1));
        var messages = Get<IMessageStore>();
        long? typedId = typed is null ? null : (await messages.SaveOnceAsync(ReceivedMessage.Of(DeskMessage.Of(typed, callId, practiceId, "5551230000", operatorName, at.AddSeconds(90))))).Id;
        var joined = at.AddMinutes(2);
        var summary = new PatchSummary(clinicianId, operatorName, at, joined, TimeSpan.FromSeconds(395), typedId, typed is null ? null : DeskFormRules.Trim(typed.Reason));
        var (id, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(DeskSummary.Of(callId, practiceId, "5551230000", summary, joined.AddSeconds(400))));
        await calls.CompleteAsync(callId, joined.AddSeconds(400), "connected", "patched to the clinician at the desk");
        return (id, typedId);
    }

    /// <summary>
    /// A call a nurse triaged, as the triage screen keeps it: the call rings at the fixed night plus <paramref name="minutesAfter"/>;
    /// with <paramref name="deskAnswerSeconds"/> the nurse answers it at the desk that many seconds after the ring; the triage
    /// starts a minute after the ring and ends five minutes later, through one example protocol (two questions, the second
    /// answered yes, reaching <paramref name="computed"/>), overridden to <paramref name="overriddenTo"/> when given, and
    /// leaves the practice's message as finishing does. Returns the triage's id and the message's.
    /// </summary>
    public async Task<(long TriageId, long MessageId)> SeedTriageAsync(string practiceId, string nurse, Disposition computed, Disposition? overriddenTo = null, int minutesAfter = 0, int? deskAnswerSeconds = null)
    {
        var number = Interlocked.Increment(ref _calls);
        var ring = Received.AddMinutes(minutesAfter);
        var calls = Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord { UniqueId = $"1763795400.{number}", PracticeId = practiceId, DialedNumber = "15550100", CallerId = "5551230000", StartedAt = ring, CoverageMode = "after-hours", RouteReason = "outside office hours" });
        await calls.MarkAnsweredAsync(callId, ring.AddSeconds(1));
        if (deskAnswerSeconds is { } seconds)
        {
            var log = Get<IDeskLog>();
            await log.QueuedAsync(callId, practiceId, DeskPriority.Urgent, ring.AddSeconds(10));
            await log.AnsweredAsync(callId, nurse, ring.AddSeconds(seconds));
        }

        var started = ring.AddMinutes(1);
        var completed = started.AddMinutes(5);
        var pathway = new TriagePathway
        {
            Nurse = nurse,
            StartedAt = started,
            CompletedAt = completed,
            Protocols =
            [
                new PathwayProtocol
                {
                    Id = "fever-child",
                    Version = "1",
                    Title = "Fever in a child",
                    IsExample = true,
                    StartedAt = started,
                    Answers =
                    [
                        new PathwayAnswer("breathing-or-unresponsive", "Is the child struggling to breathe?", false, started.AddSeconds(30)),
                        new PathwayAnswer("under-12-weeks", "Is the child younger than 12 weeks with a fever?", true, started.AddSeconds(60)),
                    ],
                    Reached = computed,
                    CareAdvice = "Go now; bring the child's medicines.",
                },
            ],
            Computed = computed,
            Override = overriddenTo is { } to ? new TriageOverride(computed, to, "settled on a second look", nurse, completed.AddSeconds(-20)) : null,
            Note = "mother calm",
        };
        var outcome = TriageFinish.Decide(pathway, new TriagePatient("Maria Lopez", "Ava Lopez", "2026-08-01", "5551230000", true), callId, practiceId, "5551230000");
        var (messageId, _) = await Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(outcome.Message));
        var triageId = await Get<ITriageRecordStore>().SaveAsync(new TriageRecord { CallRecordId = callId, MessageId = messageId, PracticeId = practiceId, Pathway = pathway });
        await calls.CompleteAsync(callId, completed.AddSeconds(30), "message-taken", "triaged by a nurse");
        return (triageId, messageId);
    }

    /// <summary>
    /// The desk's facts of one night, written through <see cref="IDeskLog"/> as telephony writes them (call
    /// <see cref="SeedPracticesAsync"/> first). Harbor's target becomes 90 % within 30 s; Riverside keeps the
    /// default 80 % within 20 s. From 02:10 in New York (07:10 UTC, 22 November):
    /// Riverside: answered by sam after 12 s (4 min call), by kai after 25 s (3 min), hung up after 8 s, left
    /// for a message after 95 s. Harbor: answered by sam after 25 s (2 min), hung up after 40 s. Each released
    /// call is followed by a minute of wrap-up. Sam is at the desk from 07:00 to 08:00 UTC, kai 07:00 to 07:40.
    /// </summary>
    public async Task SeedDeskAsync()
    {
        var practices = Get<IPracticeStore>();
        var harbor = (await practices.GetAsync(PracticeB))!;
        await practices.SaveAsync(harbor with { Desk = harbor.Desk with { ServiceLevelTarget = new ServiceLevelTarget(90, TimeSpan.FromSeconds(30)) } }, "test");

        var log = Get<IDeskLog>();
        await log.OperatorStatusAsync("sam", OperatorStatus.Available, Received.AddMinutes(-10));
        await log.OperatorStatusAsync("kai", OperatorStatus.Available, Received.AddMinutes(-10));
        await AnsweredAsync(9001, PracticeA, DeskPriority.Urgent, Received, 12, "sam", 4);
        await AnsweredAsync(9002, PracticeA, DeskPriority.Routine, Received.AddMinutes(1), 25, "kai", 3);
        await LeftAsync(9003, PracticeA, Received.AddMinutes(2), 8, DeskLeave.HungUp);
        await LeftAsync(9004, PracticeA, Received.AddMinutes(3), 95, DeskLeave.Message);
        await AnsweredAsync(9005, PracticeB, DeskPriority.Routine, Received.AddMinutes(10), 25, "sam", 2);
        await LeftAsync(9006, PracticeB, Received.AddMinutes(11), 40, DeskLeave.HungUp);
        await log.OperatorStatusAsync("kai", OperatorStatus.SignedOut, Received.AddMinutes(30));
        await log.OperatorStatusAsync("sam", OperatorStatus.SignedOut, Received.AddMinutes(50));

        async Task AnsweredAsync(long call, string practice, DeskPriority priority, DateTimeOffset queued, int waited, string name, int minutes)
        {
            var answered = queued.AddSeconds(waited);
            var released = answered.AddMinutes(minutes);
            await log.QueuedAsync(call, practice, priority, queued);
            await log.OperatorStatusAsync(name, OperatorStatus.Offered, answered.AddSeconds(-3));
            await log.AnsweredAsync(call, name, answered);
            await log.OperatorStatusAsync(name, OperatorStatus.OnCall, answered);
            await log.ReleasedAsync(call, released);
            await log.OperatorStatusAsync(name, OperatorStatus.WrapUp, released);
            await log.OperatorStatusAsync(name, OperatorStatus.Available, released.AddMinutes(1));
        }

        async Task LeftAsync(long call, string practice, DateTimeOffset queued, int waited, DeskLeave how)
        {
            await log.QueuedAsync(call, practice, DeskPriority.Routine, queued);
            await log.LeftAsync(call, how, queued.AddSeconds(waited));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Practice Practice(string id, string name, string zone, string number, params (string Id, string Name)[] clinicians) => new()
    {
        Id = id,
        Name = name,
        TimeZone = zone,
        Numbers = [number],
        Clinicians = clinicians.Select(c => new Clinician(c.Id, c.Name, ClinicianRole.Physician, [])).ToArray(),
        Agreement = TestAgreements.Signed,
    };
}
