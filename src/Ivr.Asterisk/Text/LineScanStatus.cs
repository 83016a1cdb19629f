namespace Ivr.Asterisk.Text;

/// <summary>What <see cref="LineScanner.TryReadLine"/> found.</summary>
public enum LineScanStatus
{
    /// <summary>A complete line was taken from the buffer.</summary>
    Line,

    /// <summary>No line terminator yet; read more bytes.</summary>
    NeedMoreData,

    /// <summary>The line exceeds the allowed length: the peer is broken or hostile.</summary>
    TooLong,
}
