using Ivr.Domain.Prompts;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder: one recording in use per owner and prompt, and a history of every keep and revert.</summary>
public sealed class SqlitePromptRecordingStoreTests
{
    private static readonly DateTimeOffset Kept = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Theory]
    [BothDatabases]
    public async Task KeepingAgainReplacesTheRecordingInUseAndOwnersStayApart(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var store = new SqlitePromptRecordingStore(temp.Database, new FakeTimeProvider(Kept));
        var first = new PromptRecording("riverside", PromptRecording.Greeting, PromptVoice.Uploaded, "ivr/recorded/riverside/greeting-aaaa", 4.5, "ann", Kept);
        var second = first with { Voice = PromptVoice.Telephone, Sound = "ivr/recorded/riverside/greeting-bbbb", Seconds = 3.25, KeptBy = "telephone:dr-lee", KeptAt = Kept.AddHours(1) };
        var shared = new PromptRecording(PromptRecording.Shared, "emergency", PromptVoice.Uploaded, "ivr/recorded/shared/emergency-cccc", 6, "sam", Kept);

        await store.KeepAsync(first, CancellationToken.None);
        await store.KeepAsync(shared, CancellationToken.None);
        await store.KeepAsync(second, CancellationToken.None);

        Assert.Equal([second], await store.ListAsync("riverside", CancellationToken.None));
        Assert.Equal([shared], await store.ListAsync(PromptRecording.Shared, CancellationToken.None));
        Assert.Equal([shared, second], await store.AllAsync(CancellationToken.None));
    }

    [Theory]
    [BothDatabases]
    public async Task RevertingRemovesTheRecordingSaysWhetherThereWasOneAndTheHistoryKeepsEveryChange(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var time = new FakeTimeProvider(Kept.AddDays(1));
        var store = new SqlitePromptRecordingStore(temp.Database, time);
        var kept = new PromptRecording("riverside", "main-menu", PromptVoice.Uploaded, "ivr/recorded/riverside/main-menu-aaaa", 7.5, "ann", Kept);
        await store.KeepAsync(kept, CancellationToken.None);

        Assert.True(await store.RevertAsync("riverside", "main-menu", "sam", CancellationToken.None));
        Assert.False(await store.RevertAsync("riverside", "main-menu", "sam", CancellationToken.None));
        Assert.Empty(await store.AllAsync(CancellationToken.None));

        var history = await store.HistoryAsync("riverside", CancellationToken.None);
        Assert.Equal(
            [
                new PromptRecordingChange("riverside", "main-menu", "kept", PromptVoice.Uploaded, kept.Sound, 7.5, "ann", Kept),
                new PromptRecordingChange("riverside", "main-menu", "reverted", PromptVoice.Synthetic, null, null, "sam", Kept.AddDays(1)),
            ],
            history);
    }
}
