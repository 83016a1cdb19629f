using System.Buffers.Binary;

namespace Ivr.Testing;

/// <summary>
/// Writes the pcap files SIPp plays as a caller's media. Replaying sip-tester's captures as they are
/// repeats their RTP sequence numbers and timestamps, and Asterisk rightly drops the repeats as
/// duplicates; so every packet of one call is written here with one SSRC, rising sequence numbers and
/// timestamps that follow the call's own clock. Each key press or utterance starts after the end of
/// the one before, so two presses of the same key are two events: Asterisk drops an event whose
/// timestamp it has seen as a retransmission.
/// </summary>
public sealed class RtpPcapWriter
{
    private const int TelephoneEvent = 101;
    private const int Pcma = 8;
    private static readonly Lazy<IReadOnlyList<byte[]>> Speech = new(LoadSpeech);
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private ushort _sequence = (ushort)Random.Shared.Next(0, 30000);
    private uint _nextTimestamp;

    /// <summary>Packets for one RFC 2833 key press at <paramref name="callTime"/> into the call.</summary>
    public byte[] Key(char key, TimeSpan callTime)
    {
        var eventCode = key switch { '*' => 10, '#' => 11, _ => key - '0' };
        var timestamp = Start(callTime, 5 * 160);
        var packets = new List<(TimeSpan, byte[])>();
        for (var i = 1; i <= 8; i++)
        {
            // Five updates of a growing event, then the end bit three times, as phones send it.
            var end = i > 5;
            var duration = (ushort)(Math.Min(i, 5) * 160);
            var payload = new byte[4];
            payload[0] = (byte)eventCode;
            payload[1] = (byte)((end ? 0x80 : 0) | 10);
            BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), duration);
            packets.Add((TimeSpan.FromMilliseconds(20 * (i - 1)), Rtp(TelephoneEvent, marker: i == 1, timestamp, payload)));
        }

        return Pcap(packets);
    }

    /// <summary>About seven seconds of real speech (G.711 A-law from sip-tester's capture) at <paramref name="callTime"/>.</summary>
    public byte[] Speak(TimeSpan callTime)
    {
        var start = Start(callTime, (uint)Speech.Value.Sum(p => p.Length));
        var packets = new List<(TimeSpan, byte[])>();
        var offset = 0u;
        foreach (var payload in Speech.Value)
        {
            packets.Add((TimeSpan.FromMilliseconds(offset / 8.0), Rtp(Pcma, marker: offset == 0, start + offset, payload)));
            offset += (uint)payload.Length;
        }

        return Pcap(packets);
    }

    /// <summary>
    /// A person answering: a short "hello" (the first word of sip-tester's capture, about a third of a second), then
    /// <paramref name="silence"/> of silent audio, sent as packets (AMD and WaitForSilence hear silence only in frames that arrive).
    /// With <paramref name="before"/>, that much silent audio comes first: the person speaks a moment after picking up.
    /// </summary>
    public byte[] Hello(TimeSpan callTime, TimeSpan silence, TimeSpan before = default) =>
        SpeechThenSilence(callTime, [.. Quiet(before), .. Speech.Value.Skip(FirstWord).Take(HelloPackets)], silence);

    /// <summary>An answering machine: the capture's whole six seconds of speech as its greeting, then <paramref name="silence"/> of silent audio.</summary>
    public byte[] Greeting(TimeSpan callTime, TimeSpan silence) => SpeechThenSilence(callTime, Speech.Value.Skip(FirstWord).ToList(), silence);

    /// <summary>Where speech starts in the capture (30 ms packets of silence before it).</summary>
    private const int FirstWord = 31;

    /// <summary>The capture's first word: eleven 30 ms packets.</summary>
    private const int HelloPackets = 11;

    /// <summary>A-law's zero level.</summary>
    private const byte AlawSilence = 0xD5;

    /// <summary>Silent 20 ms A-law payloads for <paramref name="time"/>.</summary>
    private static IEnumerable<byte[]> Quiet(TimeSpan time) => Enumerable.Repeat(Enumerable.Repeat(AlawSilence, 160).ToArray(), (int)(time.TotalMilliseconds / 20));

    private byte[] SpeechThenSilence(TimeSpan callTime, IReadOnlyList<byte[]> speech, TimeSpan silence)
    {
        var payloads = speech.Concat(Quiet(silence)).ToList();
        var start = Start(callTime, (uint)payloads.Sum(p => p.Length));
        var packets = new List<(TimeSpan, byte[])>();
        var offset = 0u;
        foreach (var payload in payloads)
        {
            packets.Add((TimeSpan.FromMilliseconds(offset / 8.0), Rtp(Pcma, marker: offset == 0, start + offset, payload)));
            offset += (uint)payload.Length;
        }

        return Pcap(packets);
    }

    /// <summary>Length of <see cref="Speak"/>.</summary>
    public static TimeSpan SpeechLength => TimeSpan.FromMilliseconds(Speech.Value.Sum(p => p.Length) / 8.0);

    /// <summary>The RTP timestamp for media at <paramref name="callTime"/>, never before the end of the previous media.</summary>
    private uint Start(TimeSpan callTime, uint samples)
    {
        var start = Math.Max((uint)(callTime.TotalMilliseconds * 8), _nextTimestamp);
        _nextTimestamp = start + samples + 160;
        return start;
    }

    private byte[] Rtp(int payloadType, bool marker, uint timestamp, byte[] payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _ssrc);
        payload.CopyTo(packet, 12);
        return packet;
    }

    /// <summary>A pcap (Ethernet, IPv4, UDP to port 10000) of the packets at their offsets.</summary>
    private static byte[] Pcap(IReadOnlyList<(TimeSpan At, byte[] Rtp)> packets)
    {
        using var stream = new MemoryStream();
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        stream.Write(header);
        foreach (var (at, rtp) in packets)
        {
            var frame = new byte[14 + 20 + 8 + rtp.Length];
            frame[12] = 0x08;
            var ip = frame.AsSpan(14);
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + rtp.Length));
            ip[8] = 64;
            ip[9] = 17;
            new byte[] { 127, 0, 0, 1 }.CopyTo(ip[12..]);
            new byte[] { 127, 0, 0, 1 }.CopyTo(ip[16..]);
            var udp = frame.AsSpan(34);
            BinaryPrimitives.WriteUInt16BigEndian(udp, 10000);
            BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 10000);
            BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + rtp.Length));
            rtp.CopyTo(frame, 42);

            var record = new byte[16];
            var micros = (long)(at.TotalMilliseconds * 1000) + 1_000_000;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), (uint)frame.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), (uint)frame.Length);
            stream.Write(record);
            stream.Write(frame);
        }

        return stream.ToArray();
    }

    /// <summary>The RTP payloads of sip-tester's g711a.pcap (Ethernet frames, RTP after byte 42).</summary>
    private static IReadOnlyList<byte[]> LoadSpeech()
    {
        var bytes = File.ReadAllBytes("/usr/share/sip-tester/g711a.pcap");
        var payloads = new List<byte[]>();
        for (var offset = 24; offset + 16 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
            var frame = bytes.AsSpan(offset + 16, length);
            if (frame.Length > 54)
            {
                payloads.Add(frame[54..].ToArray());
            }

            offset += 16 + length;
        }

        return payloads;
    }
}
