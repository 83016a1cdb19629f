using System.IO.Pipelines;
using System.Net.Sockets;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Ami;

/// <summary>One TCP session with Asterisk's manager: banner, whole-message writes, a read loop.</summary>
internal sealed class AmiConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly AmiMessageReader _messages;
    private readonly int _maxLineBytes;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private AmiConnection(Socket socket, int maxLineBytes)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _messages = new AmiMessageReader();
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The banner line Asterisk sent.</summary>
    public string? Banner => _messages.Banner;

    /// <summary>Lines that were not headers.</summary>
    public long MalformedLines => _messages.MalformedLines;

    public static async Task<AmiConnection> OpenAsync(AmiClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new AmiNotConnectedException($"Could not connect to AMI at {options.Host}:{options.Port}: {exception.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new AmiConnection(socket, options.MaxLineBytes);
        try
        {
            await connection.ReadBannerAsync(timeout.Token).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new AmiNotConnectedException($"No AMI banner from {options.Host}:{options.Port} within {options.ConnectTimeout.TotalSeconds:0.#} s.");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WriteAsync(byte[] message, CancellationToken cancellationToken)
    {
        // One writer at a time, whole messages only: interleaved writes splice actions together.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads messages until the connection ends; returns normally on EOF, throws on errors.</summary>
    public async Task ReadMessagesAsync(Action<AmiMessage> onMessage, Action<AmiProtocolException> onMalformed)
    {
        while (true)
        {
            var read = await _reader.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            try
            {
                while (true)
                {
                    var status = LineScanner.TryReadLine(ref buffer, _maxLineBytes, out var line);
                    if (status == LineScanStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == LineScanStatus.TooLong)
                    {
                        throw new AmiProtocolException($"An AMI line is longer than {_maxLineBytes} bytes.");
                    }

                    AmiMessage? message;
                    try
                    {
                        message = _messages.Feed(line);
                    }
                    catch (AmiProtocolException exception)
                    {
                        // One bad message is reported and skipped; the stream stays in step at the next blank line.
                        onMalformed(exception);
                        continue;
                    }

                    if (message is not null)
                    {
                        onMessage(message);
                    }
                }
            }
            finally
            {
                _reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>Drops the connection at once; the read loop then ends.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        _stream.Close();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await _reader.CompleteAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }

    private async Task ReadBannerAsync(CancellationToken cancellationToken)
    {
        while (_messages.Banner is null)
        {
            var read = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            var status = LineScanner.TryReadLine(ref buffer, _maxLineBytes, out var line);
            if (status == LineScanStatus.Line)
            {
                _reader.AdvanceTo(buffer.Start);
                if (_messages.Feed(line) is not null || _messages.Banner is null)
                {
                    throw new AmiProtocolException($"Expected the 'Asterisk Call Manager/' banner, got '{(line.Length > 80 ? line[..80] : line)}'.");
                }

                return;
            }

            if (status == LineScanStatus.TooLong)
            {
                throw new AmiProtocolException("The AMI banner line is too long.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                throw new AmiNotConnectedException("The AMI connection closed before the banner.");
            }
        }
    }
}
