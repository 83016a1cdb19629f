using Ivr.Data;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Telephony.Prompts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Prompts;

/// <summary>
/// Needs nothing: a call plays the practice's recording, else the shared one, else the manifest's sound; a practice's
/// recorded greeting replaces its greeting prompt; the lookup reads the store only at start, when told of a change,
/// and every few seconds of a fake clock, never once per prompt.
/// </summary>
public sealed class PromptSoundsTests
{
    private static readonly DateTimeOffset Kept = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
    private static readonly PracticeProfile Riverside = new("riverside", "Riverside Pediatrics", "greeting-riverside-pediatrics", string.Empty, "America/New_York");
    private static readonly PracticeProfile Harbor = new("harbor", "Harbor Internal Medicine", "greeting-default", string.Empty, "Pacific/Honolulu");

    [Fact]
    public async Task ThePracticesRecordingComesFirstThenTheSharedOneThenTheManifests()
    {
        var store = new CountingStore(
            Recording("riverside", "main-menu", "ivr/recorded/riverside/main-menu-1"),
            Recording(PromptRecording.Shared, "main-menu", "ivr/recorded/shared/main-menu-2"),
            Recording(PromptRecording.Shared, "emergency", "ivr/recorded/shared/emergency-3"));
        using var sounds = await StartAsync(store, new FakeTimeProvider(Kept));

        Assert.Equal("ivr/recorded/riverside/main-menu-1", sounds.Sound(Riverside, "main-menu"));
        Assert.Equal("ivr/recorded/shared/main-menu-2", sounds.Sound(Harbor, "main-menu"));
        Assert.Equal("ivr/recorded/shared/emergency-3", sounds.Sound(Riverside, "emergency"));
        Assert.Equal("ivr/please-hold", sounds.Sound(Riverside, "please-hold"));
        Assert.Equal("ivr/recorded/shared/main-menu-2", sounds.Sound(null, "main-menu"));
        Assert.Equal("ivr/recorded/riverside/main-menu-1", sounds.For(Riverside).Sound("main-menu"));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task APracticesRecordedGreetingReplacesWhicheverGreetingPromptItHas()
    {
        var store = new CountingStore(Recording("riverside", PromptRecording.Greeting, "ivr/recorded/riverside/greeting-1"));
        using var sounds = await StartAsync(store, new FakeTimeProvider(Kept));

        Assert.Equal("ivr/recorded/riverside/greeting-1", sounds.Sound(Riverside, "greeting-riverside-pediatrics"));
        Assert.Equal("ivr/recorded/riverside/greeting-1", sounds.Sound(Riverside with { GreetingPromptId = "greeting-riverside-0a1b2c" }, "greeting-riverside-0a1b2c"));
        Assert.Equal("ivr/greeting-default", sounds.Sound(Harbor, "greeting-default"));
    }

    [Fact]
    public async Task AChangeInThisProcessIsHeardAtOnceAndAnotherProcessesAfterTheRefresh()
    {
        var time = new FakeTimeProvider(Kept);
        var store = new CountingStore();
        var changes = new PromptRecordingChanges();
        using var sounds = await StartAsync(store, time, changes);
        Assert.Equal("ivr/main-menu", sounds.Sound(Riverside, "main-menu"));

        store.Recordings = [Recording("riverside", "main-menu", "ivr/recorded/riverside/main-menu-1")];
        changes.Changed();
        Assert.Equal("ivr/recorded/riverside/main-menu-1", sounds.Sound(Riverside, "main-menu"));

        // Another process reverts it: not seen until the refresh is due.
        store.Recordings = [];
        time.Advance(PromptSounds.RefreshEvery - TimeSpan.FromSeconds(1));
        Assert.Equal("ivr/recorded/riverside/main-menu-1", sounds.Sound(Riverside, "main-menu"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("ivr/main-menu", sounds.Sound(Riverside, "main-menu"));

        for (var i = 0; i < 50; i++)
        {
            sounds.Sound(Riverside, "main-menu");
        }

        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task AFailedRefreshKeepsTheRecordingsCallsHad()
    {
        var time = new FakeTimeProvider(Kept);
        var store = new CountingStore(Recording("riverside", "main-menu", "ivr/recorded/riverside/main-menu-1"));
        using var sounds = await StartAsync(store, time);

        store.Failing = true;
        time.Advance(PromptSounds.RefreshEvery);

        Assert.Equal("ivr/recorded/riverside/main-menu-1", sounds.Sound(Riverside, "main-menu"));
        Assert.Equal(2, store.Reads);
    }

    private static async Task<PromptSounds> StartAsync(CountingStore store, FakeTimeProvider time, PromptRecordingChanges? changes = null)
    {
        var sounds = new PromptSounds(store, changes ?? new PromptRecordingChanges(), time, NullLogger<PromptSounds>.Instance);
        await sounds.StartAsync(CancellationToken.None);
        return sounds;
    }

    private static PromptRecording Recording(string owner, string promptId, string sound) => new(owner, promptId, PromptVoice.Uploaded, sound, 3, "ann", Kept);

    private sealed class CountingStore(params PromptRecording[] recordings) : IPromptRecordingStore
    {
        public IReadOnlyList<PromptRecording> Recordings { get; set; } = recordings;

        public int Reads { get; private set; }

        public bool Failing { get; set; }

        public Task<IReadOnlyList<PromptRecording>> AllAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Failing ? Task.FromException<IReadOnlyList<PromptRecording>>(new InvalidOperationException("database is locked")) : Task.FromResult(Recordings);
        }

        public Task<IReadOnlyList<PromptRecording>> ListAsync(string owner, CancellationToken cancellationToken) => throw new InvalidOperationException("calls never list");

        public Task KeepAsync(PromptRecording recording, CancellationToken cancellationToken) => throw new InvalidOperationException("calls never keep");

        public Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken) => throw new InvalidOperationException("calls never revert");
    }
}
