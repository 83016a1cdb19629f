using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Ivr.Server.Tests.Harness;

/// <summary>The end-to-end callers' scenario writer, without SIPp or Asterisk.</summary>
public sealed class SippScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sipp-script-").FullName;

    [Fact]
    public void TheSameKeyPressedTwiceAtTheSameCallTimeIsTwoRtpEventsWithRisingTimestamps()
    {
        var rtp = new RtpPcapWriter();

        var first = FirstRtpHeader(rtp.Key('1', TimeSpan.FromSeconds(3)));
        var second = FirstRtpHeader(rtp.Key('1', TimeSpan.FromSeconds(3)));

        Assert.True(second.Timestamp > first.Timestamp + (5 * 160), $"second key at {second.Timestamp}, first at {first.Timestamp}");
        Assert.Equal((ushort)(first.Sequence + 8), second.Sequence);
    }

    [Fact]
    public void EachCueStopsTheCallerAtARecvCmdAfterTellingTheConductorItsCallId()
    {
        var script = SippScript.Patient()
            .WhenAsked("callback-confirm").Press('1')
            .WhenAsked("urgency-menu").Press('1')
            .HangUp();

        var xml = File.ReadAllText(script.WriteTo(_directory, "5551234567"));

        Assert.Equal(["the service to ask with the prompt 'callback-confirm'", "the service to ask with the prompt 'urgency-menu'"], script.Cues.Select(c => c.Description));
        Assert.Equal(2, Regex.Count(xml, "<recvCmd/>"));
        Assert.Equal(2, Regex.Count(xml, @"Call-ID: \[call_id\]\s+Ready: \d"));
        var ready = xml.IndexOf("Ready: 2", StringComparison.Ordinal);
        Assert.True(xml.IndexOf("play_pcap_audio", StringComparison.Ordinal) < ready, "the first key is not played before the second cue");
        Assert.True(xml.IndexOf("play_pcap_audio", ready, StringComparison.Ordinal) > ready, "the second key is not played after its cue");
    }

    [Fact]
    public void AScriptWithoutCuesHasNoTwinCommands()
    {
        var xml = File.ReadAllText(SippScript.Patient().Wait(TimeSpan.FromSeconds(2)).HangUp().WriteTo(_directory, "5551234567"));

        Assert.DoesNotContain("Cmd", xml);
        Assert.Contains("<pause milliseconds=\"2000\"/>", xml);
    }

    [Fact]
    public void AHelloSaidAMomentAfterTheAnswerIsSilentAudioUntilThenAndTheSameWordAfter()
    {
        var rtp = new RtpPcapWriter();

        var atOnce = Payloads(rtp.Hello(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        var later = Payloads(rtp.Hello(TimeSpan.Zero, TimeSpan.FromSeconds(1), before: TimeSpan.FromMilliseconds(1500)));

        Assert.Equal(0, atOnce.FindIndex(p => !IsSilent(p)));
        Assert.Equal(75, later.FindIndex(p => !IsSilent(p)));
        Assert.All(later.Take(75), p => Assert.Equal(160, p.Length));
        Assert.Equal(atOnce.Count + 75, later.Count);
        Assert.Equal(atOnce.Where(p => !IsSilent(p)).SelectMany(p => p), later.Where(p => !IsSilent(p)).SelectMany(p => p));
    }

    [Fact]
    public void APhoneWhoseHelloComesLaterWritesItIntoTheScenariosAudio()
    {
        var xml = File.ReadAllText(SippScript.Phone().SayHello(TimeSpan.FromSeconds(1)).WriteTo(_directory, "phone", "later"));

        Assert.Contains("later-1.pcap", xml);
        var payloads = Payloads(File.ReadAllBytes(Path.Combine(_directory, "later-1.pcap")));
        Assert.Equal(50, payloads.FindIndex(p => !IsSilent(p)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Every packet's RTP payload, in order (a 12-byte RTP header after Ethernet, IPv4 and UDP).</summary>
    private static List<byte[]> Payloads(byte[] pcap)
    {
        var payloads = new List<byte[]>();
        for (var at = 24; at < pcap.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(pcap.AsSpan(at + 8));
            payloads.Add(pcap.AsSpan(at + 16 + 42 + 12, length - 42 - 12).ToArray());
            at += 16 + length;
        }

        return payloads;
    }

    /// <summary>A-law's zero level throughout.</summary>
    private static bool IsSilent(byte[] payload) => payload.All(b => b == 0xD5);

    /// <summary>The RTP timestamp and sequence number of a pcap's first packet (Ethernet, IPv4, UDP, RTP).</summary>
    private static (uint Timestamp, ushort Sequence) FirstRtpHeader(byte[] pcap)
    {
        var rtp = pcap.AsSpan(24 + 16 + 42);
        return (BinaryPrimitives.ReadUInt32BigEndian(rtp[4..]), BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]));
    }
}
