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

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The RTP timestamp and sequence number of a pcap's first packet (Ethernet, IPv4, UDP, RTP).</summary>
    private static (uint Timestamp, ushort Sequence) FirstRtpHeader(byte[] pcap)
    {
        var rtp = pcap.AsSpan(24 + 16 + 42);
        return (BinaryPrimitives.ReadUInt32BigEndian(rtp[4..]), BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]));
    }
}
