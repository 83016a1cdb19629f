using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// One FastAGI session: sends commands one at a time and reads Asterisk's replies on a loop of its
/// own, so that a <c>HANGUP</c> notice is seen whenever it arrives, even between commands.
/// Never writes while a command runs (a stray byte stops playback and Asterisk then sends no reply).
/// </summary>
public sealed partial class AgiChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    /// <summary>Commands whose reply time is the protocol's cost alone: no signalling, playback, recording or waiting for keys.</summary>
    private static readonly HashSet<string> ImmediateVerbs = new(StringComparer.Ordinal) { "GET VARIABLE", "GET FULL VARIABLE", "SET VARIABLE", "VERBOSE", "NOOP" };

    private readonly AgiChannelOptions _options;
    private readonly Action<AsteriskDiagnostic>? _diagnostics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _hangup = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _readLoop;
    private readonly Lock _pendingLock = new();
    private TaskCompletionSource<AgiReply>? _pending;
    private Exception? _failure;
    private int _disposed;

    /// <summary>Starts a session over a connection whose environment block has already been read.</summary>
    public AgiChannel(AgiRequest request, Stream stream, PipeReader reader, AgiChannelOptions? options = null, Action<AsteriskDiagnostic>? diagnostics = null)
    {
        Request = request;
        _stream = stream;
        _reader = reader;
        _options = options ?? new AgiChannelOptions();
        _diagnostics = diagnostics;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The <c>agi_*</c> environment of this call.</summary>
    public AgiRequest Request { get; }

    /// <summary>Cancelled when Asterisk says the channel hung up (or the connection closed).</summary>
    public CancellationToken HangupToken => _hangup.Token;

    /// <summary>True once the channel hung up or the connection closed.</summary>
    public bool IsHungUp => _hangup.IsCancellationRequested;

    /// <summary>
    /// Sends one command and returns Asterisk's reply as it came. Waits for any earlier command's reply
    /// first, even one whose caller gave up, so replies never shift by one.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="timeout">Deadline for the reply; when it passes the session is closed, as its state is unknown.</param>
    /// <param name="cancellationToken">Stops waiting; the reply is still consumed when it comes.</param>
    /// <exception cref="AgiHangupException">The channel had hung up and the command needs a live channel, or Asterisk answered 511.</exception>
    /// <exception cref="AgiConnectionClosedException">The connection closed or broke.</exception>
    public async Task<AgiReply> SendAsync(AgiCommand command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ThrowIfHungUpFor(command);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new TaskCompletionSource<AgiReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            ThrowIfHungUpFor(command);
            lock (_pendingLock)
            {
                // Checked under the lock that Fail takes, so a failure cannot slip in between.
                ThrowIfFailed();
                _pending = pending;
            }
        }
        catch
        {
            _gate.Release();
            throw;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // LF only: Asterisk keeps a CR as part of the last argument.
            var bytes = Encoding.UTF8.GetBytes(command.Line + "\n");
            await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Fail completes the pending reply and so frees the gate.
            Fail(new AgiConnectionClosedException("The FastAGI connection broke while sending a command.", exception));
        }

        var reply = await WaitForReplyAsync(command, pending.Task, timeout, cancellationToken).ConfigureAwait(false);
        if (ImmediateVerbs.Contains(command.Verb))
        {
            _options.ImmediateCommandLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        if (reply.IsDeadChannel)
        {
            throw new AgiHangupException(command.Verb, HangupToken);
        }

        return reply;
    }

    /// <summary>Waits up to <paramref name="grace"/> for a HANGUP notice; true if the channel has hung up.</summary>
    public async Task<bool> WaitForHangupAsync(TimeSpan grace)
    {
        if (IsHungUp)
        {
            return true;
        }

        try
        {
            await Task.Delay(grace, _options.Time, HangupToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return IsHungUp;
    }

    /// <summary>Closes the connection. Asterisk then ends AGI() and the dialplan goes on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Fail(new AgiConnectionClosedException("The FastAGI session was closed."));
        try
        {
            _stream.Close();
        }
        catch (IOException)
        {
        }

        _reader.CancelPendingRead();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loop records its own failure; closing is all that is left to do.
        }

        await _reader.CompleteAsync().ConfigureAwait(false);

        _hangup.Dispose();
        _closed.Dispose();
    }

    private async Task<AgiReply> WaitForReplyAsync(AgiCommand command, Task<AgiReply> reply, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout ?? Timeout.InfiniteTimeSpan;
        try
        {
            return await reply.WaitAsync(deadline, _options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Without a reply the dialogue cannot be trusted: end it so Asterisk moves on.
            var failure = new AgiConnectionClosedException($"No reply to '{command.Verb}' within {deadline.TotalSeconds:0.#} s; the session was closed.");
            Fail(failure);
            _stream.Close();
            throw failure;
        }
    }

    private void ThrowIfHungUpFor(AgiCommand command)
    {
        if (IsHungUp && !command.DeadCapable)
        {
            throw new AgiHangupException(command.Verb, HangupToken);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure;
        }
    }

    private async Task ReadLoopAsync()
    {
        var replies = new AgiReplyReader();
        var frames = new List<AgiFrame>(2);
        try
        {
            while (true)
            {
                var read = await _reader.ReadAsync().ConfigureAwait(false);
                var buffer = read.Buffer;
                while (true)
                {
                    var status = LineScanner.TryReadLine(ref buffer, _options.MaxLineBytes, out var line);
                    if (status == LineScanStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == LineScanStatus.TooLong)
                    {
                        throw new AgiProtocolException($"A reply line is longer than {_options.MaxLineBytes} bytes.");
                    }

                    frames.Clear();
                    replies.Feed(line, frames);
                    foreach (var frame in frames)
                    {
                        Dispatch(frame);
                    }
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
            }

            Fail(new AgiConnectionClosedException("Asterisk closed the FastAGI connection."));
        }
        catch (Exception exception) when (exception is AgiProtocolException)
        {
            _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Error, "AgiProtocolError", exception.Message, exception));
            Fail(exception);
            _stream.Close();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Fail(new AgiConnectionClosedException("The FastAGI connection broke.", exception));
        }
    }

    private void Dispatch(AgiFrame frame)
    {
        switch (frame)
        {
            case AgiFrame.Hangup:
                MarkHungUp();
                break;
            case AgiFrame.Interim interim:
                _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Debug, "AgiInterim", interim.Line));
                break;
            case AgiFrame.Reply reply:
                TaskCompletionSource<AgiReply>? pending;
                lock (_pendingLock)
                {
                    pending = _pending;
                    _pending = null;
                }

                if (pending is null)
                {
                    throw new AgiProtocolException($"Asterisk sent a reply no command asked for: '{AgiReplyParser.Truncate(reply.Value.ToString())}'");
                }

                pending.TrySetResult(reply.Value);
                _gate.Release();
                break;
        }
    }

    private void MarkHungUp()
    {
        try
        {
            _hangup.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Fail(Exception failure)
    {
        TaskCompletionSource<AgiReply>? pending;
        lock (_pendingLock)
        {
            _failure ??= failure;
            pending = _pending;
            _pending = null;
        }

        if (pending is not null && pending.TrySetException(_failure!))
        {
            _gate.Release();
        }

        // A closed connection is a hangup as far as the call flow is concerned.
        MarkHungUp();
    }
}
