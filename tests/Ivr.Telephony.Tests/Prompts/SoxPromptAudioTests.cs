using Ivr.Data;
using Ivr.Domain.Prompts;
using Ivr.Telephony.Practices;
using Ivr.Telephony.Prompts;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Prompts;

/// <summary>
/// Needs sox and a temporary folder: tones made with sox's synth come out as 8 kHz mono 16-bit WAV, trimmed of their
/// silence, at the service's one level whether they went in quiet or loud; silence, noise that is not audio and
/// audio that is too long are refused in words; keeping a draft copies it to a new file and stores it.
/// </summary>
public sealed class SoxPromptAudioTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivr-prompt-audio-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingStore _store = new();
    private readonly SoxPromptAudio _audio;

    public SoxPromptAudioTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sounds"));
        _audio = new SoxPromptAudio(_store, Options.Create(new PromptsOptions { SoundsDirectory = Path.Combine(_folder, "sounds") }), new FakeTimeProvider(Now));
    }

    [Fact]
    public async Task AStereoFortyFourKilohertzToneBecomesATelephoneWavWithItsSilenceTrimmed()
    {
        // One second of silence, two of tone, one and a half of silence, at CD quality in stereo.
        var source = await SynthAsync("stereo.wav", ["-r", "44100", "-c", "2"], "synth 1 sine 0 : synth 2 sine 440 gain -12 : synth 1.5 sine 0");

        var draft = await _audio.PrepareAsync("riverside", "main-menu", source, CancellationToken.None);

        var file = Path.Combine(_folder, "sounds", draft.Sound + ".wav");
        Assert.StartsWith("ivr/.drafts/riverside/main-menu-", draft.Sound, StringComparison.Ordinal);
        Assert.True(WavFormat.IsTelephoneWav(file));
        Assert.InRange(draft.Seconds, 1.9, 2.15);
        Assert.InRange((await StatsAsync(file)).Seconds, 1.9, 2.15);
    }

    [Theory]
    [InlineData(-40)]
    [InlineData(-3)]
    public async Task AQuietAndALoudToneBothComeOutWithinOneDecibelOfTheServiceLevel(int gain)
    {
        var source = await SynthAsync($"tone{gain}.wav", ["-r", "8000", "-c", "1"], $"synth 3 sine 440 gain {gain}");

        var draft = await _audio.PrepareAsync(PromptRecording.Shared, "emergency", source, CancellationToken.None);

        var stats = await StatsAsync(Path.Combine(_folder, "sounds", draft.Sound + ".wav"));
        Assert.StartsWith("ivr/.drafts/shared/emergency-", draft.Sound, StringComparison.Ordinal);
        Assert.InRange(stats.RmsDb, PromptLevel.TargetRmsDb - 1, PromptLevel.TargetRmsDb + 1);
        Assert.True(stats.PeakDb <= PromptLevel.PeakCeilingDb, $"peak {stats.PeakDb} dBFS");
    }

    [Fact]
    public async Task LoudPeaksInQuietSpeechAreLimitedUnderTheCeiling()
    {
        var source = await SynthAsync("peaky.wav", ["-r", "8000", "-c", "1"], "synth 0.02 sine 440 gain -1 : synth 3 sine 440 gain -24");

        var draft = await _audio.PrepareAsync("riverside", "main-menu", source, CancellationToken.None);

        var stats = await StatsAsync(Path.Combine(_folder, "sounds", draft.Sound + ".wav"));
        Assert.True(stats.PeakDb <= PromptLevel.PeakCeilingDb, $"peak {stats.PeakDb} dBFS");
        Assert.InRange(stats.RmsDb, PromptLevel.TargetRmsDb - 1, PromptLevel.TargetRmsDb + 1);
    }

    [Fact]
    public async Task SilenceIsRefusedInWordsAndNothingIsLeft()
    {
        var source = await SynthAsync("silence.wav", ["-r", "8000", "-c", "1"], "synth 2 sine 0");

        var refused = await Assert.ThrowsAsync<PromptAudioException>(() => _audio.PrepareAsync("riverside", "main-menu", source, CancellationToken.None));

        Assert.Equal("The recording is silent: nothing in it could be heard.", refused.Message);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder, "sounds"), "*.wav", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AFileThatIsNotAudioIsRefusedInWords()
    {
        var source = Path.Combine(_folder, "notes.wav");
        await File.WriteAllTextAsync(source, "these are not sounds");

        var refused = await Assert.ThrowsAsync<PromptAudioException>(() => _audio.PrepareAsync("riverside", "main-menu", source, CancellationToken.None));

        Assert.StartsWith("The file could not be read as audio.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordingLongerThanAMinuteIsRefusedInWords()
    {
        var source = await SynthAsync("long.wav", ["-r", "8000", "-c", "1"], "synth 61 sine 440 gain -10");

        var refused = await Assert.ThrowsAsync<PromptAudioException>(() => _audio.PrepareAsync("riverside", "main-menu", source, CancellationToken.None));

        Assert.Equal("The recording plays 61 seconds once its silence is trimmed; a prompt may be at most 60 seconds.", refused.Message);
    }

    [Fact]
    public async Task KeepingCopiesTheDraftToANewRecordedFileStoresItAndTheDraftCanBeReadUntilThen()
    {
        var source = await SynthAsync("keep.wav", ["-r", "8000", "-c", "1"], "synth 2 sine 440 gain -10");
        var draft = await _audio.PrepareAsync("riverside", PromptRecording.Greeting, source, CancellationToken.None);
        var preview = await _audio.ReadAsync(draft.Sound, CancellationToken.None);

        var kept = await _audio.KeepAsync(draft, PromptVoice.Uploaded, "ann", CancellationToken.None);

        Assert.NotNull(preview);
        Assert.StartsWith("ivr/recorded/riverside/greeting-", kept.Sound, StringComparison.Ordinal);
        Assert.Equal(preview, await _audio.ReadAsync(kept.Sound, CancellationToken.None));
        Assert.Null(await _audio.ReadAsync(draft.Sound, CancellationToken.None));
        var stored = Assert.Single(_store.Kept);
        Assert.Equal(new PromptRecording("riverside", PromptRecording.Greeting, PromptVoice.Uploaded, kept.Sound, stored.Seconds, "ann", Now), stored);
        Assert.InRange(stored.Seconds, 1.9, 2.05);
    }

    [Fact]
    public async Task ADraftOfAnotherOwnerOrOutsideTheSoundsIsNeitherKeptNorRead()
    {
        var source = await SynthAsync("other.wav", ["-r", "8000", "-c", "1"], "synth 2 sine 440 gain -10");
        var draft = await _audio.PrepareAsync("harbor", "main-menu", source, CancellationToken.None);

        await Assert.ThrowsAsync<PromptAudioException>(() => _audio.KeepAsync(draft with { Owner = "riverside" }, PromptVoice.Uploaded, "ann", CancellationToken.None));
        Assert.Null(await _audio.ReadAsync("ivr/../../secret", CancellationToken.None));
        Assert.Null(await _audio.ReadAsync("/etc/passwd", CancellationToken.None));
        Assert.Empty(_store.Kept);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> SynthAsync(string name, string[] format, string effects)
    {
        var path = Path.Combine(_folder, name);
        var result = await ExternalProgram.RunAsync("sox", ["-n", .. format, "-b", "16", path, .. effects.Split(' ')], input: null, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    private static Task<AudioStats> StatsAsync(string file) => PromptLevel.MeasureAsync("sox", file, TimeSpan.FromSeconds(30), CancellationToken.None);

    private sealed class RecordingStore : IPromptRecordingStore
    {
        public List<PromptRecording> Kept { get; } = [];

        public Task<IReadOnlyList<PromptRecording>> AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PromptRecording>>(Kept);

        public Task<IReadOnlyList<PromptRecording>> ListAsync(string owner, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PromptRecording>>(Kept.Where(k => k.Owner == owner).ToList());

        public Task KeepAsync(PromptRecording recording, CancellationToken cancellationToken)
        {
            Kept.Add(recording);
            return Task.CompletedTask;
        }

        public Task<bool> RevertAsync(string owner, string promptId, string by, CancellationToken cancellationToken) => Task.FromResult(Kept.RemoveAll(k => k.Owner == owner && k.PromptId == promptId) > 0);
    }
}
