using Ivr.Data;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Needs nothing but temporary folders (and Linux's /dev/shm): where plain patient audio may be, and for how long.</summary>
public sealed class RecordingsAtRestTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ivr-audio-" + Guid.NewGuid().ToString("N"));
    private readonly string _memory = "/dev/shm/ivr-test-" + Guid.NewGuid().ToString("N");
    private readonly RecordingVault _vault;

    public RecordingsAtRestTests()
    {
        Directory.CreateDirectory(_directory);
        _vault = new RecordingVault(PhiProtector.FromOptions(new DataOptions { KeyFile = Path.Combine(_directory, "keys", "phi.key") }));
    }

    private string Recordings => Path.Combine(_directory, "recordings");

    [Fact]
    public async Task APlainRecordingPresentAtStartIsSealedAndTheOneOfACallStartedSinceIsLeft()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Recordings);
        var leftover = Path.Combine(Recordings, "1763795400.9-message-1.wav");
        var audio = TestWav.Tone(TimeSpan.FromSeconds(1));
        await File.WriteAllBytesAsync(leftover, audio);
        File.SetLastWriteTimeUtc(leftover, time.GetUtcNow().UtcDateTime.AddMinutes(-3));
        var live = Path.Combine(Recordings, "1763795401.1-name-1.wav");
        await File.WriteAllBytesAsync(live, audio);
        File.SetLastWriteTimeUtc(live, time.GetUtcNow().UtcDateTime.AddSeconds(1));
        var sealer = new RecordingSealer(_vault, Options.Create(new RecordingOptions { HostDirectory = Recordings }), NullLogger<RecordingSealer>.Instance);
        using var service = new LeftoverRecordingsService(sealer, time);

        await service.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(File.Exists(RecordingVault.SealedPath(leftover)));
            },
            TimeSpan.FromSeconds(30),
            "the leftover recording to be sealed");
        await service.StopAsync(CancellationToken.None);

        Assert.False(File.Exists(leftover));
        await using (var opened = await _vault.OpenAsync(leftover))
        {
            Assert.Equal(audio, opened.ToArray());
        }

        Assert.True(File.Exists(live));
        Assert.False(File.Exists(RecordingVault.SealedPath(live)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PlaybackCopiesLandInTheConfiguredMemoryFolderClosedToOthersAndAreRemovedAfter()
    {
        Assert.True(MemoryFileSystem.Holds("/dev/shm"), "this test needs /dev/shm on tmpfs");
        var recording = await SealedRecordingAsync();
        var playback = new SealedPlayback(_vault, Options.Create(new RecordingOptions { HostDirectory = Recordings, PlaybackDirectory = _memory }), NullLogger<SealedPlayback>.Instance);

        var lease = await playback.OpenAsync(recording, CancellationToken.None);

        Assert.NotNull(lease);
        var copy = Assert.Single(Directory.GetFiles(_memory));
        Assert.Equal($"{_memory}/{Path.GetFileNameWithoutExtension(copy)}", lease.AsteriskName);
        // Readable by Asterisk's group (the folder's, when scripts/asterisk made it), by no one else.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(copy));
        Assert.Equal(PrivateFolder.Mode, File.GetUnixFileMode(_memory));
        Assert.False(Directory.Exists(Path.Combine(Recordings, "playback")));
        Assert.False(File.Exists(recording));

        lease.Dispose();

        Assert.Empty(Directory.GetFiles(_memory));
    }

    [Fact]
    public void WithAsteriskInAChrootTheMemoryFolderIsFoundUnderItsRootAndADiskThereIsWarnedOf()
    {
        var root = Path.Combine(_directory, "root");
        var log = new ListLogger<SealedPlayback>();
        var playback = new SealedPlayback(_vault, Options.Create(new RecordingOptions { HostDirectory = root + "/var/spool/asterisk/recording/ivr" }), log);

        Assert.Equal(root + "/dev/shm/ivr-playback", playback.HostFolder);
        Assert.Contains(log.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("not on a memory file system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemoryFolderThatCannotBeMadeFallsBackToTheRecordingFolderWithAWarning()
    {
        var blocked = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocked, string.Empty);
        var recording = await SealedRecordingAsync();
        var log = new ListLogger<SealedPlayback>();
        var playback = new SealedPlayback(_vault, Options.Create(new RecordingOptions { HostDirectory = Recordings, PlaybackHostDirectory = Path.Combine(blocked, "playback") }), log);

        using var lease = await playback.OpenAsync(recording, CancellationToken.None);

        Assert.Equal("/var/spool/asterisk/recording/ivr/playback/", lease!.AsteriskName[..^32]);
        Assert.Single(Directory.GetFiles(Path.Combine(Recordings, "playback")));
        Assert.Contains(log.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("cannot be used", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dev/shm/ivr-playback", true)]
    [InlineData("/dev/shm", true)]
    [InlineData("/dev/shmx/ivr-playback", false)]
    [InlineData("/srv/asterisk/dev/shm/ivr-playback", false)]
    [InlineData("/srv/asterisk/run/ivr", true)]
    public void AFolderIsInMemoryWhenItsDeepestMountIs(string path, bool inMemory)
    {
        string[] mounts =
        [
            "/dev/vda / ext4 rw,relatime 0 0",
            "tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0",
            "/dev/vdb /srv ext4 rw 0 0",
            "tmpfs /srv/asterisk/run tmpfs rw 0 0",
        ];

        Assert.Equal(inMemory, MemoryFileSystem.Holds(path, mounts));
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        if (Directory.Exists(_memory))
        {
            Directory.Delete(_memory, recursive: true);
        }
    }

    private async Task<string> SealedRecordingAsync()
    {
        Directory.CreateDirectory(Recordings);
        var recording = Path.Combine(Recordings, "1763795400.9-message-1.wav");
        await File.WriteAllBytesAsync(recording, TestWav.Tone(TimeSpan.FromSeconds(1)));
        await _vault.SealAsync(recording);
        return recording;
    }
}
