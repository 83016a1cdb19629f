using System.Collections.Concurrent;
using Ivr.Domain.Calls;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Simulation;

namespace Ivr.Data.Tests.Dispatch;

/// <summary>
/// A real SQLite file with one practice (New York; two doctors on two layers; an admin with an email;
/// pages every minute, twice a contact), a simulated clock, and phones and mail that record what
/// reached them. Several dispatchers can share it, as several service processes share a database.
/// </summary>
public sealed class DispatchFixture : IDisposable
{
    public static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    private readonly TempDatabase _temp;

    public DispatchFixture(DataProvider provider = DataProvider.Sqlite)
    {
        _temp = new TempDatabase(provider);
        Clock = new SimulatedClock(Night);
        _temp.Database.MigrateAsync().GetAwaiter().GetResult();
        Store = new SqliteDispatchStore(_temp.Database, _temp.Protector);
        Messages = new SqliteMessageStore(_temp.Database, _temp.Protector);
        Practices = new SqlitePracticeStore(_temp.Database, Clock);
        Practices.SaveAsync(Practice, "test").GetAwaiter().GetResult();
    }

    public static Practice Practice { get; } = new()
    {
        Id = "riverside",
        Name = "Riverside Pediatrics",
        Numbers = ["15550100"],
        TimeZone = "America/New_York",
        Hours = new WeeklyHours(Enum.GetValues<DayOfWeek>().Where(d => d is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .ToDictionary(d => d, IReadOnlyList<OpeningInterval> (_) => [new(new TimeOnly(8, 0), new TimeOnly(17, 0))])),
        Escalation = new EscalationPolicy(TimeSpan.FromMinutes(1), 2),
        WebhookUrl = "https://hooks.example/riverside",
        Clinicians =
        [
            new Clinician("dr-1", "Doctor One", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr1", true), new ContactMethod(ContactKind.Email, "dr1@example.org", true)]),
            new Clinician("dr-2", "Doctor Two", ClinicianRole.Physician, [new ContactMethod(ContactKind.Sip, "PJSIP/dr2", true)]),
            new Clinician("admin", "Front Desk", ClinicianRole.PracticeAdmin, [new ContactMethod(ContactKind.Email, "desk@example.org", true)]),
        ],
        Rotations =
        [
            new Rotation("primary", Layers.Primary, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-1"]),
            new Rotation("backup", Layers.Backup, RotationPeriod.Daily, new TimeOnly(0, 0), DayOfWeek.Monday, new DateOnly(2026, 1, 1), ["dr-2"]),
        ],
    };

    public static OnCallContact Supervisor { get; } = new("supervisor", "Supervisor", "PJSIP/supervisor", TimeSpan.FromSeconds(30), "supervisor");

    public SimulatedClock Clock { get; }

    public SqliteDispatchStore Store { get; }

    public SqliteMessageStore Messages { get; }

    public SqlitePracticeStore Practices { get; }

    public SqliteCallRecordStore Calls => new(_temp.Database, _temp.Protector);

    public RecordingPager Pager { get; } = new();

    public RecordingMail Mail { get; } = new();

    public DispatchOptions Options { get; } = new() { Lease = TimeSpan.FromMinutes(4) };

    public Dispatcher Dispatcher(string owner = "test") => Build(Store, Practices, owner);

    /// <summary>A dispatcher with its own database object and stores on the same file, as another process would have.</summary>
    public Dispatcher SecondProcess(string owner)
    {
        var database = Database.For(_temp.Options);
        return Build(new SqliteDispatchStore(database, _temp.Protector), new SqlitePracticeStore(database, Clock), owner);
    }

    /// <summary>A dispatch store with its own database object on the same file, as another process would have.</summary>
    public SqliteDispatchStore SecondProcessStore() => new(Database.For(_temp.Options), _temp.Protector);

    public async Task<long> MessageAsync(Urgency urgency)
    {
        var calls = new SqliteCallRecordStore(_temp.Database, _temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = Practice.Id, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Clock.GetUtcNow() });
        return await Messages.SaveAsync(new PatientMessage { CallId = callId, PracticeId = Practice.Id, Urgency = urgency, CallbackNumber = "5551234567", ReceivedAt = Clock.GetUtcNow() });
    }

    /// <summary>Runs every due step to its end, as one poll of the worker would.</summary>
    public static async Task RunAsync(Dispatcher dispatcher) => await Task.WhenAll(await dispatcher.RunDueAsync());

    public void Dispose() => _temp.Dispose();

    private Dispatcher Build(IDispatchStore store, IPracticeStore practices, string owner) =>
        new(store, practices, new PracticeDirectory(practices, Supervisor, c => c.Address), Pager, Mail, Mail, Options, Clock, owner);
}

/// <summary>Phones that never answer unless told to; every page is kept.</summary>
public sealed class RecordingPager : IVoicePager
{
    public ConcurrentQueue<PageRequest> Pages { get; } = new();

    public Func<PageRequest, Task<PageOutcome>> Answer { get; set; } = _ => Task.FromResult(new PageOutcome("no-answer", "test phone"));

    public Task<PageOutcome> PageAsync(PageRequest request, CancellationToken cancellationToken = default)
    {
        Pages.Enqueue(request);
        return Answer(request);
    }

    public IReadOnlyList<string> Who => Pages.Select(p => $"{p.Step}:{p.Contact.ClinicianId}").ToList();
}

/// <summary>Email and webhook both, accepting everything unless told otherwise and keeping each notice.</summary>
public sealed class RecordingMail : IEmailSender, IWebhookSender
{
    public ConcurrentQueue<(string To, Notice Notice)> Sent { get; } = new();

    /// <summary>Whether a notice to this address is accepted; all are by default.</summary>
    public Func<string, bool> Accepts { get; set; } = _ => true;

    public Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((address, notice));
        return Task.FromResult(Accepts(address) ? DeliveryResult.Ok("test") : DeliveryResult.Failed("test refuses"));
    }
}
