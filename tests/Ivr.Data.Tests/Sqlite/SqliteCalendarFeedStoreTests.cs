using Ivr.Domain.Scheduling;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder: one feed token per clinician, replaced on regeneration.</summary>
public sealed class SqliteCalendarFeedStoreTests
{
    private static readonly DateTimeOffset Made = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task SavingAgainReplacesTheTokenSoTheOldOneFindsNothing(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteCalendarFeedStore(temp.Database, temp.Protector);

        Assert.Null(await store.GetAsync("riverside", "dr-lee"));
        await store.SaveAsync(new CalendarFeed("riverside", "dr-lee", "old-token", Made));
        await store.SaveAsync(new CalendarFeed("riverside", "dr-patel", "other-token", Made));
        await store.SaveAsync(new CalendarFeed("riverside", "dr-lee", "new-token", Made.AddDays(1)));

        Assert.Null(await store.FindAsync("old-token"));
        Assert.Equal(new CalendarFeed("riverside", "dr-lee", "new-token", Made.AddDays(1)), await store.FindAsync("new-token"));
        Assert.Equal("new-token", (await store.GetAsync("riverside", "dr-lee"))!.Token);
        Assert.Equal("dr-patel", (await store.FindAsync("other-token"))!.ClinicianId);
    }

    [Theory]
    [BothDatabases]
    public async Task TheTokenIsKeptOnlyAsItsHashAndEncryptedAndTheAccountTravelsWithTheFeed(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteCalendarFeedStore(temp.Database, temp.Protector);
        const string Token = "plain-feed-token-0123456789";

        await store.SaveAsync(new CalendarFeed("riverside", "dr-lee", Token, Made) { AccountId = 7 });
        await using var connection = await temp.Database.OpenAsync();
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string Hash, string Enc)>(connection, "SELECT token_hash, token_enc FROM calendar_feeds");

        Assert.Equal(SqliteCalendarFeedStore.Hash(Token), row.Hash);
        Assert.DoesNotContain(Token, row.Enc, StringComparison.Ordinal);
        Assert.Equal(7, (await store.FindAsync(Token))!.AccountId);
        Assert.Equal(Token, (await store.GetAsync("riverside", "dr-lee"))!.Token);
    }
}
