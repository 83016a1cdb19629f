using Ivr.Asterisk.Agi;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Telephony.Calls;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Needs nothing but a temporary folder and database: the service's own page script, as its host maps it, reads a
/// triage's typed message to an in-memory Asterisk that presses 1 at every question. A small shell script stands in
/// for flite (it copies a telephone WAV and notes what it was given) and one hands over to the real sox, so the test
/// sees where the words and the audio go and that nothing of them is left.
/// </summary>
public sealed class TypedMessagePageTests : IAsyncDisposable
{
    private const string Callback = "5552013344";
    private const string Reason = "triage: emergency department now, fever in a child, nurse garcia";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivr-speech-" + Guid.NewGuid().ToString("N"));
    private readonly ListLogger<PageSpeech> _log = new();

    public TypedMessagePageTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, "speech.wav"), TestWav.Tone(TimeSpan.FromSeconds(1)));
        Script("flite", $"printf '%s\\n' \"$*\" >> '{_folder}/flite-args'\nls -l \"$2\" >> '{_folder}/text-files'\ncat \"$2\" >> '{_folder}/spoken'\nprintf '\\n' >> '{_folder}/spoken'\ncp '{_folder}/speech.wav' \"$4\"\n");
        Script("sox", "exec sox \"$@\"\n");
        Script("failing-flite", "echo \"cannot say: $(cat \"$2\")\" >&2\nexit 3\n");
    }

    private string Playback => Path.Combine(_folder, "playback");

    [Fact]
    public async Task ATriageMessageIsSpokenReasonLineFirstFromTheSealedPlaybackFolderAndNothingIsLeftThere()
    {
        await using var service = await StartAsync(Path.Combine(_folder, "flite"));
        var (messageId, attemptId) = await PageAsync(service);
        await using var agi = PressingOne(attemptId);

        await RunAsync(service, agi);

        var plays = agi.Commands.Where(c => c.StartsWith("STREAM FILE", StringComparison.Ordinal) || c.StartsWith("SAY DIGITS", StringComparison.Ordinal)).ToList();
        var spoken = plays.Select((c, i) => (c, i)).Where(p => p.c.StartsWith($"STREAM FILE {Playback}/", StringComparison.Ordinal)).Select(p => p.i).ToList();
        Assert.Equal(2, spoken.Count);
        var digits = plays.IndexOf($"SAY DIGITS {Callback} \"\"");
        Assert.True(spoken[0] < digits && digits < spoken[1], string.Join("\n", plays));
        var words = await File.ReadAllTextAsync(Path.Combine(_folder, "spoken"));
        Assert.StartsWith(Reason + ". The patient is Max Smith, born October 1, 2026.", words, StringComparison.Ordinal);
        Assert.Contains("Notes: Disposition: go to the emergency department now", words, StringComparison.Ordinal);

        // The words reached flite in an owner-only file of the sealed folder, never on its command line.
        var arguments = await File.ReadAllTextAsync(Path.Combine(_folder, "flite-args"));
        Assert.All(arguments.Split('\n', StringSplitOptions.RemoveEmptyEntries), a => Assert.StartsWith($"-f {Playback}/", a, StringComparison.Ordinal));
        Assert.DoesNotContain("Smith", arguments, StringComparison.Ordinal);
        Assert.All((await File.ReadAllLinesAsync(Path.Combine(_folder, "text-files"))).Where(l => l.Length > 0), l => Assert.StartsWith("-rw-------", l, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Playback));

        Assert.Equal(MessageStatus.Acknowledged, (await service.Get<IMessageStore>().GetAsync(messageId))!.Status);
        var history = await service.Get<IDispatchStore>().HistoryAsync(messageId);
        Assert.Contains(history, h => h.Status == MessageStatus.Delivered && h.Detail == "heard on a voice page: typed message read: disposition line first, then patient, callback number, notes");
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(20), a => a.Action == "message.play" && a.Detail == "voice page: typed message read: disposition line first, then patient, callback number, notes");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("failing-flite")]
    public async Task SpeechThatCannotBeMadeStillReadsTheCallbackNumberAndOffersTheMenuAndTheLogSaysWhyWithoutTheWords(string flite)
    {
        await using var service = await StartAsync(Path.Combine(_folder, flite));
        var (messageId, attemptId) = await PageAsync(service);
        await using var agi = PressingOne(attemptId);

        await RunAsync(service, agi);

        var plays = agi.Commands.Where(c => c.StartsWith("STREAM FILE", StringComparison.Ordinal) || c.StartsWith("SAY DIGITS", StringComparison.Ordinal)).ToList();
        var unreadable = plays.FindIndex(c => c.StartsWith("STREAM FILE ivr/page-typed-unreadable", StringComparison.Ordinal));
        var digits = plays.IndexOf($"SAY DIGITS {Callback} \"\"");
        var menu = plays.FindIndex(c => c.StartsWith("STREAM FILE ivr/page-menu", StringComparison.Ordinal));
        Assert.True(unreadable >= 0 && unreadable < digits && digits < menu, string.Join("\n", plays));
        Assert.DoesNotContain(plays, c => c.Contains(Playback, StringComparison.Ordinal));
        Assert.Equal(MessageStatus.Acknowledged, (await service.Get<IMessageStore>().GetAsync(messageId))!.Status);
        var warning = Assert.Single(_log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(flite == "missing" ? "is not installed here" : "failed (exit 3)", warning, StringComparison.Ordinal);
        Assert.All(new[] { "Smith", "fever", "garcia", "2026", Callback }, word => Assert.DoesNotContain(word, warning, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Playback));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private void Script(string name, string body)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Task<PortalUnderTest> StartAsync(string flite) =>
        PortalUnderTest.StartAsync(
            null,
            services => services.AddSingleton<ILogger<PageSpeech>>(_log),
            $"--Prompts:Flite={flite}",
            $"--Prompts:Sox={Path.Combine(_folder, "sox")}",
            $"--Recordings:PlaybackHostDirectory={Playback}",
            $"--Recordings:PlaybackDirectory={Playback}");

    /// <summary>A finished triage's message, as the triage API saves it, and a voice page's attempt for it.</summary>
    private static async Task<(long MessageId, long AttemptId)> PageAsync(PortalUnderTest service)
    {
        var at = new DateTimeOffset(2026, 12, 2, 3, 10, 0, TimeSpan.Zero);
        var callId = await service.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1764645000.1", PracticeId = PortalUnderTest.PracticeA, DialedNumber = "15550100", CallerId = Callback, StartedAt = at });
        var form = new DeskMessageForm("Ann Smith", "Max Smith", "2026-10-01", Callback, true, Reason, Urgency.Urgent, "Disposition: go to the emergency department now");
        var message = DeskMessage.Of(form, callId, PortalUnderTest.PracticeA, Callback, "garcia", at);
        var (messageId, _) = await service.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(message with { Typed = message.Typed! with { IsTriage = true } }));
        var attemptId = await service.Get<IDispatchStore>().StartAttemptAsync(messageId, 0, DispatchChannels.Voice, "dr-lee", DateTimeOffset.UtcNow);
        return (messageId, attemptId);
    }

    private static ScriptedAgi PressingOne(long attemptId) =>
        new($"page?attempt={attemptId}", command => command.StartsWith("WAIT FOR DIGIT", StringComparison.Ordinal) ? "200 result=49" : null, OriginatedChannels.Page(attemptId));

    private static async Task RunAsync(PortalUnderTest service, ScriptedAgi agi)
    {
        using var pending = service.Get<PendingOriginations>().Expect(agi.Channel.Request.UniqueId);
        var handler = service.Get<AgiRouter>().Resolve(agi.Channel.Request);
        Assert.NotNull(handler);
        await handler(agi.Channel, CancellationToken.None);
    }
}
