using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Agi;

/// <summary>
/// The FastAGI listener: accepts Asterisk's connections asynchronously (no thread per call),
/// reads each environment under size and time limits, routes by script path, and always closes
/// the socket when the script ends.
/// </summary>
public sealed class FastAgiServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly FastAgiServerOptions _options;
    private readonly AgiRouter _router;
    private readonly Action<AsteriskDiagnostic>? _diagnostics;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _sessions = new();
    private readonly Task _acceptLoop;
    private long _nextSession;
    private int _disposed;

    private FastAgiServer(Socket listener, FastAgiServerOptions options, AgiRouter router, Action<AsteriskDiagnostic>? diagnostics)
    {
        _listener = listener;
        _options = options;
        _router = router;
        _diagnostics = diagnostics;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the server listens (the port is real even when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Sessions running now.</summary>
    public int ActiveSessions => _sessions.Count;

    /// <summary>Total sessions accepted since start.</summary>
    public long AcceptedSessions => Interlocked.Read(ref _nextSession);

    /// <summary>Binds and starts listening.</summary>
    public static FastAgiServer Start(FastAgiServerOptions options, AgiRouter router, Action<AsteriskDiagnostic>? diagnostics = null)
    {
        options.Validate();
        var endPoint = new IPEndPoint(IPAddress.Parse(options.Address), options.Port);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(options.Backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new FastAgiServer(listener, options, router, diagnostics);
    }

    /// <summary>Stops accepting, gives running sessions <see cref="FastAgiServerOptions.ShutdownGrace"/>, then closes them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Close();
        await _acceptLoop.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_sessions.Values).WaitAsync(_options.ShutdownGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _stopping.Cancel();
        await Task.WhenAll(_sessions.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted or SocketError.Interrupted })
            {
                return;
            }
            catch (SocketException exception)
            {
                // Out of descriptors or a reset before accept: report it and keep serving.
                _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Warning, "AgiAcceptFailed", exception.Message, exception));
                await Task.Delay(50).ConfigureAwait(false);
                continue;
            }

            var id = Interlocked.Increment(ref _nextSession);
            var session = RunSessionAsync(socket);
            _sessions[id] = session;
            _ = session.ContinueWith(_ => _sessions.TryRemove(id, out Task? _), TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(Socket socket)
    {
        await Task.Yield();
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        AgiChannel? channel = null;
        using var limit = new CancellationTokenSource(_options.MaxSessionDuration, _options.Time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, limit.Token);
        try
        {
            var request = await ReadEnvironmentAsync(reader).ConfigureAwait(false);
            channel = new AgiChannel(request, stream, reader, _options.Channel, _diagnostics);
            if (!Admits(request))
            {
                // Only the script path is named: the URL's query carries the (wrong) key and call data.
                _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Warning, "AgiRefused", $"A FastAGI session for script '{request.Script}' without the right key was refused; session closed."));
                return;
            }

            var handler = _router.Resolve(request);
            if (handler is null)
            {
                _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Warning, "AgiNoRoute", $"No handler for AGI script '{request.Script}'; session closed."));
                return;
            }

            await handler(channel, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Hangup, shutdown or deadline: the session simply ends.
        }
        catch (Exception exception) when (exception is AgiException or IOException or SocketException)
        {
            _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Warning, "AgiSessionFailed", exception.Message, exception));
        }
        catch (Exception exception)
        {
            _diagnostics?.Invoke(new AsteriskDiagnostic(AsteriskDiagnosticLevel.Error, "AgiScriptFailed", "An AGI script threw.", exception));
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await reader.CompleteAsync().ConfigureAwait(false);
                stream.Dispose();
            }
        }
    }

    private bool Admits(AgiRequest request)
    {
        if (string.IsNullOrEmpty(_options.Secret))
        {
            return !_options.RequireSecret;
        }

        return AgiSecret.Matches(request.Query.GetValueOrDefault(AgiSecret.QueryKey), _options.Secret);
    }

    private async Task<AgiRequest> ReadEnvironmentAsync(PipeReader reader)
    {
        using var timeout = new CancellationTokenSource(_options.EnvironmentTimeout, _options.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        var environment = new AgiEnvironmentReader();
        long consumed = 0;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(stop.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                var start = buffer.Length;
                var complete = false;
                while (!complete)
                {
                    var status = LineScanner.TryReadLine(ref buffer, _options.MaxEnvironmentBytes, out var line);
                    if (status == LineScanStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == LineScanStatus.TooLong)
                    {
                        throw new AgiProtocolException("An AGI environment line is too long.");
                    }

                    complete = environment.Feed(line);
                }

                consumed += start - buffer.Length;
                if (consumed + buffer.Length > _options.MaxEnvironmentBytes)
                {
                    throw new AgiProtocolException($"The AGI environment is larger than {_options.MaxEnvironmentBytes} bytes.");
                }

                // Only what was parsed is consumed: bytes after the blank line belong to the replies.
                reader.AdvanceTo(buffer.Start, complete ? buffer.Start : buffer.End);
                if (complete)
                {
                    return environment.ToRequest();
                }

                if (read.IsCompleted)
                {
                    throw new AgiConnectionClosedException("The connection closed before the AGI environment was complete.");
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new AgiProtocolException($"The AGI environment did not arrive within {_options.EnvironmentTimeout.TotalSeconds:0.#} s.");
        }
    }
}
