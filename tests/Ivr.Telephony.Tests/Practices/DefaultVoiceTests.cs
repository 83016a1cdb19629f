using System.Text;
using Ivr.Domain.Practices;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Practices;

/// <summary>
/// The default voice is festival's, and flite speaks where festival is switched off, missing or makes nothing. Shell
/// scripts stand in for festival and flite (each writes a telephone WAV and notes its arguments), so the tests need
/// neither installed; sox is the real one, as for every prompt.
/// </summary>
public sealed class DefaultVoiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivr-voice-" + Guid.NewGuid().ToString("N"));

    public DefaultVoiceTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sounds"));
        File.WriteAllBytes(Path.Combine(_folder, "speech.wav"), TelephoneWav());
        // text2wave -eval EXPR -o OUT TEXT
        Script("text2wave", $"printf '%s\\n' \"$*\" >> '{_folder}/festival-args'\ncp '{_folder}/speech.wav' \"$4\"\n");
        // Festival with a voice that is not installed: an error printed, exit 0, nothing written.
        Script("voiceless-text2wave", $"printf '%s\\n' \"$*\" >> '{_folder}/festival-args'\necho 'SIOD ERROR: unbound variable' >&2\n");
        // flite -f TEXT -o OUT -voice V
        Script("flite", $"printf '%s\\n' \"$*\" >> '{_folder}/flite-args'\ncp '{_folder}/speech.wav' \"$4\"\n");
        // The real sox converts (and levels) what the stand-ins spoke, as it does every prompt.
        Script("sox", "exec sox \"$@\"\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AGreetingIsSpokenByFestivalsVoiceWhenFestivalIsThere()
    {
        var id = await RenderAsync(Path.Combine(_folder, "text2wave"));

        Assert.True(WavFormat.IsTelephoneWav(Path.Combine(_folder, "sounds", "ivr", id + ".wav")));
        var festival = Assert.Single(Lines("festival-args"));
        Assert.StartsWith("-eval (voice_cmu_us_slt_arctic_hts) -o ", festival, StringComparison.Ordinal);
        Assert.EndsWith(".txt", festival, StringComparison.Ordinal);
        Assert.Empty(Lines("flite-args"));
    }

    [Theory]
    [InlineData("missing-text2wave", 0)]
    [InlineData("voiceless-text2wave", 1)]
    [InlineData("", 0)]
    public async Task FliteSpeaksInTheSameSpeakersVoiceWhenFestivalIsOffMissingOrMakesNothing(string festival, int festivalTries)
    {
        var id = await RenderAsync(festival.Length == 0 ? string.Empty : Path.Combine(_folder, festival));

        Assert.True(WavFormat.IsTelephoneWav(Path.Combine(_folder, "sounds", "ivr", id + ".wav")));
        Assert.Equal(festivalTries, Lines("festival-args").Length);
        Assert.EndsWith(" -voice slt", Assert.Single(Lines("flite-args")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeitherVoiceThereRefusesTheGreetingNamingFlite()
    {
        var renderer = Renderer(Path.Combine(_folder, "missing-text2wave"), Path.Combine(_folder, "missing-flite"));

        var refused = await Assert.ThrowsAsync<GreetingRenderException>(() => renderer.RenderAsync("riverside-pediatrics", "Hello.", CancellationToken.None));

        Assert.Contains("missing-flite' is not installed", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_folder, "sounds", "ivr")));
    }

    private Task<string> RenderAsync(string festival) =>
        Renderer(festival, Path.Combine(_folder, "flite")).RenderAsync("riverside-pediatrics", "Thank you for calling Riverside Pediatrics.", CancellationToken.None);

    private GreetingRenderer Renderer(string festival, string flite) =>
        new(Options.Create(new PromptsOptions { SoundsDirectory = Path.Combine(_folder, "sounds"), Festival = festival, Flite = flite, Sox = Path.Combine(_folder, "sox") }), NullLogger<GreetingRenderer>.Instance);

    private string[] Lines(string file)
    {
        var path = Path.Combine(_folder, file);
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
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

    /// <summary>A tenth of a second of 8 kHz mono 16-bit PCM.</summary>
    private static byte[] TelephoneWav()
    {
        const int dataBytes = 1600;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        for (var i = 0; i < dataBytes / 2; i++)
        {
            writer.Write((short)(i % 40 < 20 ? 3000 : -3000));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
