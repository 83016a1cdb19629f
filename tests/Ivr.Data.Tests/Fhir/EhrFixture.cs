using System.Security.Cryptography;
using Ivr.Data.Fhir;
using Ivr.Domain.Appointments;
using Ivr.Domain.Calls;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests.Fhir;

/// <summary>
/// A real SQLite file with one practice linked to <see cref="FakeEhr"/> at the level asked for, its client key
/// in a PEM file, a fake clock, and the FHIR link, the hand-off store and the hand-off runner over them.
/// </summary>
public sealed class EhrFixture : IDisposable
{
    public static readonly DateTimeOffset Night = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero); // 22:00 Monday in New York

    private readonly TempDatabase _temp;

    public EhrFixture(EhrLevel level = EhrLevel.Propose, bool ec = false, bool sendText = false, string keyId = "key-1", DataProvider provider = DataProvider.Sqlite)
    {
        _temp = new TempDatabase(provider);
        _temp.Database.MigrateAsync().GetAwaiter().GetResult();
        Key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        KeyFile = Path.Combine(_temp.Directory, "ehr.pem");
        File.WriteAllText(KeyFile, Key is RSA rsa ? rsa.ExportPkcs8PrivateKeyPem() : ((ECDsa)Key).ExportECPrivateKeyPem());
        Ehr = new FakeEhr(Key);
        Http = new HttpClient(Ehr);
        Practice = new Practice
        {
            Id = "riverside",
            Name = "Riverside Pediatrics",
            Numbers = ["15550100"],
            TimeZone = "America/New_York",
            Ehr = new EhrSettings
            {
                BaseUrl = FakeEhr.Base,
                ClientId = "ivr-riverside",
                PrivateKeyFile = KeyFile,
                KeyId = keyId,
                Level = level,
                Schedules = ["dr-chen", "dr-ortiz"],
                SendMessageText = sendText,
            },
        };
        Practices = new SqlitePracticeStore(_temp.Database, Clock);
        Practices.SaveAsync(Practice, "test").GetAwaiter().GetResult();
        Messages = new SqliteMessageStore(_temp.Database, _temp.Protector);
        Handoffs = new SqliteEhrHandoffStore(_temp.Database);
        Tokens = new SmartTokenSource(Http, Clock);
        Link = new FhirEhrLink(Practices, Http, Tokens, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(Night);

    public AsymmetricAlgorithm Key { get; }

    public string KeyFile { get; }

    public FakeEhr Ehr { get; }

    public HttpClient Http { get; }

    public Practice Practice { get; }

    public SqlitePracticeStore Practices { get; }

    public SqliteMessageStore Messages { get; }

    public SqliteEhrHandoffStore Handoffs { get; }

    public SmartTokenSource Tokens { get; }

    public FhirEhrLink Link { get; }

    public Database DatabaseForTests => _temp.Database;

    public PhiProtector ProtectorForTests => _temp.Protector;

    public EhrHandoffs Runner(string owner = "test") => new(Handoffs, Messages, Practices, Link, Clock, owner);

    public static TypedMessage Typed(string reason = "Ear pain for two days") =>
        new("Maria Lopez", "Ann Smith", new DateOnly(2019, 4, 2), reason, "Prefers a female doctor", "op-1");

    /// <summary>Saves a message of the practice (typed when <paramref name="typed"/> is given, with <paramref name="appointment"/>) and returns it as stored.</summary>
    public async Task<PatientMessage> MessageAsync(TypedMessage? typed = null, AppointmentRequest? appointment = null, string practiceId = "riverside")
    {
        var calls = new SqliteCallRecordStore(_temp.Database, _temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = Guid.NewGuid().ToString("N"), PracticeId = practiceId, DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Clock.GetUtcNow() });
        var id = await Messages.SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = practiceId,
            Urgency = Urgency.Routine,
            CallbackNumber = "5551234567",
            ReceivedAt = Clock.GetUtcNow(),
            Typed = typed,
            Appointment = appointment,
        });
        return (await Messages.GetAsync(id))!;
    }

    public void Dispose()
    {
        Http.Dispose();
        Key.Dispose();
        _temp.Dispose();
    }
}
