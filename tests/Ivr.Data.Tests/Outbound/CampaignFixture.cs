using System.Text;
using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>
/// A real SQLite file with the schema, and a campaign store over it; <see cref="SecondProcess"/> is another store with
/// its own connections to the same file, as a second service process would have.
/// </summary>
public sealed class CampaignFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    public static readonly CampaignPatient Maria = new(2, "Maria Lopez", "+13125550142", "maria@example.org", new DateTime(2026, 12, 4, 9, 30, 0), "Dr. Rivera");

    public static readonly CampaignPatient Leo = new(3, "Leo Ortiz", "+13125550199", null, null, null);

    public static readonly CampaignPatient Ana = new(4, "Ana Kahale", "+13125550100", "ana@example.org", new DateTime(2026, 12, 4, 10, 0, 0), null);

    private CampaignFixture(TempDatabase temp)
    {
        Temp = temp;
        Store = new SqliteCampaignStore(temp.Database, temp.Protector);
    }

    public TempDatabase Temp { get; }

    public SqliteCampaignStore Store { get; }

    public static async Task<CampaignFixture> CreateAsync(DataProvider provider = DataProvider.Sqlite)
    {
        var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        return new CampaignFixture(temp);
    }

    public static Campaign Campaign(string practiceId = "riverside", DateTimeOffset? endsBy = null, CampaignKind kind = CampaignKind.Cancellation) => new()
    {
        PracticeId = practiceId,
        Title = "Dr. Rivera out Friday December 4",
        Kind = kind,
        Words = "Doctor Rivera is out on Friday; your appointment is cancelled.",
        CallbackNumber = "3125550100",
        TimeZone = "America/Chicago",
        EndsBy = endsBy ?? Now.AddDays(3),
        CreatedBy = "sam",
        CreatedAt = Now.AddHours(-1),
    };

    /// <summary>The same store in another process: separate <see cref="Database"/> and connections, same file and key.</summary>
    public SqliteCampaignStore SecondProcess() => new(Database.For(Temp.Options), PhiProtector.FromOptions(Temp.Options));

    /// <summary>A campaign with the patients given, started at <paramref name="startedAt"/> (all of them due then).</summary>
    public async Task<long> RunningAsync(IReadOnlyList<CampaignPatient> patients, DateTimeOffset? startedAt = null, Campaign? campaign = null, IReadOnlyList<DateTime>? slots = null)
    {
        var id = await Store.CreateAsync(campaign ?? Campaign(), patients, slots ?? [], (slots ?? []).Select(_ => (string?)null).ToList());
        Assert.True(await Store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, startedAt ?? Now));
        return id;
    }

    public async Task<long> PatientIdAsync(long campaignId, CampaignPatient patient) =>
        (await Store.PatientsAsync(campaignId)).Single(p => p.Patient.Line == patient.Line).Id;

    /// <summary>Everything the database keeps, as text (<see cref="TempDatabase.StoredTextAsync"/>).</summary>
    public string RawFile()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Temp.StoredTextAsync().GetAwaiter().GetResult();
    }

    public void Dispose() => Temp.Dispose();
}
