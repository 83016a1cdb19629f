namespace Ivr.Portal.Prompts;

/// <summary>Whether an upload starts as a sound file of a format the service reads (WAV, FLAC, Ogg, AIFF, AU), before any program sees it.</summary>
public static class UploadedAudio
{
    public static bool LooksLikeAudio(string path)
    {
        Span<byte> head = stackalloc byte[12];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return LooksLikeAudio(head[..read]);
    }

    public static bool LooksLikeAudio(ReadOnlySpan<byte> head) =>
        (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        || (head.Length >= 12 && head[..4].SequenceEqual("FORM"u8) && (head[8..12].SequenceEqual("AIFF"u8) || head[8..12].SequenceEqual("AIFC"u8)))
        || head.StartsWith("fLaC"u8)
        || head.StartsWith("OggS"u8)
        || head.StartsWith(".snd"u8);
}
