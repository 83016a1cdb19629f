using Dapper;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder: practices, revisions and overrides in a real SQLite file.</summary>
public sealed class SqlitePracticeStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    private static Practice Clinic(params string[] numbers) => new()
    {
        Id = "lakeside-family",
        Name = "Lakeside Family Medicine",
        Numbers = numbers,
        TimeZone = "America/Chicago",
        Coverage = CoverageMode.Overflow,
        Office = new OfficeLine("PJSIP/office", TimeSpan.FromSeconds(15)),
        Hours = new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [new(new TimeOnly(8, 0), OpeningInterval.Midnight)] }),
        Holidays = new HolidayCalendar([new Holiday(new DateOnly(2026, 12, 24), "Christmas Eve")], UsFederalHolidays.PresetName),
        Closures = [new Closure(new DateTime(2026, 12, 31, 12, 0, 0), new DateTime(2027, 1, 1, 0, 0, 0), "training")],
        Clinicians = [new Clinician("dr-a", "Dr. A", ClinicianRole.Nurse, [new ContactMethod(ContactKind.Phone, "5550001111", true)])],
        Rotations = [new Rotation("nights", Layers.Backup, RotationPeriod.Daily, new TimeOnly(19, 30), DayOfWeek.Monday, new DateOnly(2026, 11, 1), ["dr-a"])],
    };

    [Theory]
    [BothDatabases]
    public async Task APracticeRoundTripsWholeAndEverySaveIsARevisionWithItsAuthor(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqlitePracticeStore(temp.Database, TimeProvider.System);

        Assert.Equal(1, await store.SaveAsync(Clinic("+1 (555) 010-0300"), "alice"));
        Assert.Equal(2, await store.SaveAsync(Clinic("5550100300") with { Name = "Lakeside" }, "bob"));
        var stored = (await store.FindByNumberAsync("5550100300"))!;

        Assert.Equal("Lakeside", stored.Name);
        Assert.Equal(Clinic().Hours.On(DayOfWeek.Monday), stored.Hours.On(DayOfWeek.Monday));
        Assert.Equal("Christmas Eve", stored.Holidays.On(new DateOnly(2026, 12, 24))!.Name);
        Assert.Equal("Christmas Day", stored.Holidays.On(new DateOnly(2026, 12, 25))!.Name);
        Assert.Equal(Clinic().Closures, stored.Closures);
        Assert.Equal(Clinic().Office, stored.Office);
        Assert.Equal(Clinic().Clinicians[0].Contacts, stored.Clinicians[0].Contacts);
        Assert.Equal(Clinic().Rotations[0] with { Members = [] }, stored.Rotations[0] with { Members = [] });
        await using var connection = await temp.Database.OpenAsync();
        Assert.Equal(["alice", "bob"], await connection.QueryAsync<string>("SELECT saved_by FROM practice_revisions ORDER BY revision"));
    }

    [Theory]
    [BothDatabases]
    public async Task OverridesAreFoundByOverlapAndCancellingKeepsThemOnRecord(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqlitePracticeStore(temp.Database, TimeProvider.System);
        await store.SaveAsync(Clinic("5550300"), "alice");
        var id = await store.AddOverrideAsync(new OnCallOverride(0, "lakeside-family", Layers.Primary, "dr-a", Now, Now.AddHours(12), "vacation cover", "alice", Now));

        var overlapping = await store.OverridesAsync("lakeside-family", Now.AddHours(11), Now.AddHours(13));
        var before = await store.OverridesAsync("lakeside-family", Now.AddHours(-2), Now);
        Assert.True(await store.CancelOverrideAsync(id, "bob", Now.AddHours(1)));
        Assert.False(await store.CancelOverrideAsync(id, "bob", Now.AddHours(1)));

        Assert.Equal(("dr-a", "vacation cover", "alice"), (overlapping.Single().ClinicianId, overlapping.Single().Reason, overlapping.Single().SetBy));
        Assert.Empty(before);
        Assert.Empty(await store.OverridesAsync("lakeside-family", Now, Now.AddHours(12)));
        await using var connection = await temp.Database.OpenAsync();
        Assert.Equal("bob", await connection.ExecuteScalarAsync<string>("SELECT cancelled_by FROM oncall_overrides WHERE id = @id", new { id }));
    }

    [Theory]
    [BothDatabases]
    public async Task ASaveFromAnOlderRevisionIsRefusedAndEveryRevisionIsListedWithItsAuthor(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqlitePracticeStore(temp.Database, TimeProvider.System);
        await store.SaveAsync(Clinic("5550100300"), "alice");

        var saved = await store.SaveIfUnchangedAsync(Clinic("5550100300") with { Name = "Lakeside" }, "bob", expectedRevision: 1);
        var refused = await Assert.ThrowsAsync<PracticeChangedException>(() => store.SaveIfUnchangedAsync(Clinic("5550100300") with { Name = "Lakeshore" }, "carol", expectedRevision: 1));
        var revisions = await store.RevisionsAsync("lakeside-family");

        Assert.Equal(2, saved);
        Assert.Equal((1, 2), (refused.ExpectedRevision, refused.CurrentRevision));
        Assert.Equal([(1, "alice", "Lakeside Family Medicine"), (2, "bob", "Lakeside")], revisions.Select(r => (r.Revision, r.SavedBy, r.Practice.Name)));
        Assert.Equal("Lakeside", (await store.GetAsync("lakeside-family"))!.Name);
        Assert.Empty(await store.RevisionsAsync("no-such-practice"));
    }
}
