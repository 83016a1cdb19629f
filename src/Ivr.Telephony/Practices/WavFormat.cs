using System.Buffers.Binary;

namespace Ivr.Telephony.Practices;

/// <summary>Reads a WAV header: is it what Asterisk plays without transcoding (8 kHz mono 16-bit PCM) and does it hold sound?</summary>
public static class WavFormat
{
    public static bool IsTelephoneWav(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var file = File.OpenRead(path);
        var header = new byte[Math.Min(file.Length, 4096)];
        file.ReadExactly(header);
        return IsTelephoneWav(header);
    }

    /// <summary>The first bytes of a file: RIFF/WAVE, a PCM fmt chunk of one channel at 8000 Hz and 16 bits, and a data chunk that is not empty.</summary>
    public static bool IsTelephoneWav(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            return false;
        }

        var format = false;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = bytes.Slice(at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(at + 4, 4));
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= bytes.Length)
            {
                var chunk = bytes.Slice(body, 16);
                format = BinaryPrimitives.ReadUInt16LittleEndian(chunk) == 1
                    && BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]) == 1
                    && BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]) == 8000
                    && BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]) == 16;
            }
            else if (id.SequenceEqual("data"u8))
            {
                return format && size > 0;
            }

            if (size < 0)
            {
                return false;
            }

            at = body + size + (size & 1);
        }

        return false;
    }
}
