using System.Buffers;
using Ivr.Asterisk.Tests.Support;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Tests.Text;

/// <summary>Needs nothing: bytes in, lines out.</summary>
public sealed class LineScannerTests
{
    [Fact]
    public void CrLfAndBareLfBothEndALineAndTheCrIsDropped()
    {
        Assert.Equal(["Response: Success", "Ping: Pong", string.Empty], Chunked.Lines(Chunked.Utf8("Response: Success\r\nPing: Pong\n\r\n")));
    }

    [Fact]
    public void MultiByteCharacterSplitAcrossReadsIsDecodedWhole()
    {
        var bytes = Chunked.Utf8("CallerIDName: Dr. Müller José 🩺\r\n");
        foreach (var split in Chunked.AllSplits(bytes))
        {
            Assert.Equal(["CallerIDName: Dr. Müller José 🩺"], Chunked.Lines(bytes, split));
        }
    }

    [Fact]
    public void LineWithoutTerminatorWaitsForMoreData()
    {
        var buffer = new ReadOnlySequence<byte>(Chunked.Utf8("200 result=1"));
        Assert.Equal(LineScanStatus.NeedMoreData, LineScanner.TryReadLine(ref buffer, 1024, out _));
        Assert.Equal(12, buffer.Length);
    }

    [Fact]
    public void OverlongLineIsRefusedWithOrWithoutItsTerminator()
    {
        var unterminated = new ReadOnlySequence<byte>(new byte[100]);
        Assert.Equal(LineScanStatus.TooLong, LineScanner.TryReadLine(ref unterminated, 50, out _));
        var terminated = new ReadOnlySequence<byte>([.. new byte[60], (byte)'\n']);
        Assert.Equal(LineScanStatus.TooLong, LineScanner.TryReadLine(ref terminated, 50, out _));
    }
}
