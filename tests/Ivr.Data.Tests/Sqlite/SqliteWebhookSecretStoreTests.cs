using System.Text;

namespace Ivr.Data.Tests.Sqlite;

/// <summary>Needs a temporary SQLite file: a practice's webhook secret, its rotation and overlap.</summary>
public sealed class SqliteWebhookSecretStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task ARotatedSecretSignsBesideTheNewOneUntilTheOverlapEndsAndIsStoredEncrypted(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqliteWebhookSecretStore(temp.Database, temp.Protector);

        var none = await store.SigningSecretsAsync("riverside", Now);
        var first = await store.RotateAsync("riverside", Now, TimeSpan.FromHours(72));
        var alone = await store.SigningSecretsAsync("riverside", Now);
        var second = await store.RotateAsync("riverside", Now.AddDays(10), TimeSpan.FromHours(72));
        var during = await store.SigningSecretsAsync("riverside", Now.AddDays(10).AddHours(71));
        var after = await store.SigningSecretsAsync("riverside", Now.AddDays(10).AddHours(72));

        Assert.Empty(none);
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal([first], alone);
        Assert.Equal([second, first], during);
        Assert.Equal([second], after);
        Assert.Empty(await store.SigningSecretsAsync("harbor", Now));
        var file = await temp.StoredTextAsync();
        Assert.DoesNotContain(second, file, StringComparison.Ordinal);
        Assert.DoesNotContain(first, file, StringComparison.Ordinal);
    }
}
