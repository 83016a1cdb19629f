using System.Collections.Concurrent;

namespace Ivr.Asterisk.Ami;

/// <summary>
/// A long-lived AMI client: one connection, one writer, responses correlated by ActionID (exact
/// strings), events handed to subscribers through their own bounded queues off the read loop,
/// keep-alive Pings, and reconnection with capped, jittered back-off. An action pending when the
/// connection drops fails with <see cref="AmiConnectionLostException"/> and is never sent again.
/// </summary>
public sealed partial class AmiClient : IAsyncDisposable
{
    private readonly AmiClientOptions _options;
    private readonly Action<AsteriskDiagnostic>? _diagnostics;
    private readonly ConcurrentDictionary<string, AmiPendingAction> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly string _idPrefix = "ivr-" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant() + "-";
    private long _nextId;
    private volatile AmiConnection? _connection;
    private volatile AmiConnectionState _state = AmiConnectionState.Reconnecting;
    private Task _supervisor = Task.CompletedTask;
    private int _disposed;

    private AmiClient(AmiClientOptions options, Action<AsteriskDiagnostic>? diagnostics)
    {
        _options = options;
        _diagnostics = diagnostics;
    }

    /// <summary>Raised (off the read loop) when the connection drops and when it is back.</summary>
    public event Action<AmiConnectionEventArgs>? ConnectionChanged;

    /// <summary>The connection state now.</summary>
    public AmiConnectionState State => _state;

    /// <summary>The banner of the current connection, e.g. <c>Asterisk Call Manager/11.0.0</c>.</summary>
    public string? Banner { get; private set; }

    /// <summary>Reconnections since the client was created.</summary>
    public long Reconnections => Interlocked.Read(ref _reconnections);

    /// <summary>Connects, reads the banner and logs in; then keeps the connection alive until disposed.</summary>
    /// <exception cref="AmiAuthenticationException">The username or secret was refused.</exception>
    /// <exception cref="AmiNotConnectedException">Asterisk could not be reached.</exception>
    public static async Task<AmiClient> ConnectAsync(AmiClientOptions options, Action<AsteriskDiagnostic>? diagnostics = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var client = new AmiClient(options, diagnostics);
        try
        {
            var connection = await client.OpenAndLoginAsync(cancellationToken).ConfigureAwait(false);
            client.StartSupervisor(connection);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends an action and returns its response (Success or Error alike).</summary>
    /// <exception cref="AmiNotConnectedException">Not connected now; nothing was sent.</exception>
    /// <exception cref="AmiConnectionLostException">The connection dropped before the response.</exception>
    /// <exception cref="AmiActionTimeoutException">No response in time.</exception>
    public async Task<AmiMessage> SendActionAsync(AmiAction action, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(action, AmiPendingKind.Single, action.Timeout ?? _options.ActionTimeout, cancellationToken).ConfigureAwait(false);
        return (AmiMessage)result;
    }

    /// <summary>
    /// Sends a list action (ConfbridgeList, CoreShowChannels, PJSIPShowEndpoints, …) and collects its
    /// events up to the one marked <c>EventList: Complete</c>. An Error response ends the list at once.
    /// </summary>
    public async Task<AmiEventList> SendListActionAsync(AmiAction action, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(action, AmiPendingKind.List, action.Timeout ?? _options.ActionTimeout, cancellationToken).ConfigureAwait(false);
        return (AmiEventList)result;
    }

    /// <summary>
    /// Sends an Originate with <c>Async: true</c> and waits for its OriginateResponse event.
    /// A Response Error (bad channel, no such context) throws at once.
    /// </summary>
    /// <param name="originate">An action named Originate; Async is added.</param>
    /// <param name="timeout">How long to wait for the OriginateResponse; default: the Originate's own Timeout header plus 15 s.</param>
    /// <param name="cancellationToken">Stops waiting. It does not cancel the call: hang the channel up for that.</param>
    /// <exception cref="AmiActionFailedException">Asterisk refused to queue the Originate.</exception>
    public async Task<AmiOriginateResult> OriginateAsync(AmiAction originate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!originate.Name.Equals("Originate", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("OriginateAsync takes an Originate action.", nameof(originate));
        }

        if (originate.Get("Async") is null)
        {
            originate.Add("Async", "true");
        }

        var ringTimeout = int.TryParse(originate.Get("Timeout"), out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(30);
        var wait = timeout ?? ringTimeout + TimeSpan.FromSeconds(15);
        var result = await SendAsync(originate, AmiPendingKind.Originate, wait, cancellationToken).ConfigureAwait(false);
        return (AmiOriginateResult)result;
    }

    /// <summary>Sends a Ping and returns the round-trip time.</summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await SendActionAsync(new AmiAction("Ping") { Timeout = _options.PingTimeout }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw new AmiActionFailedException("Ping", response);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Logs off, closes the connection, fails what is pending and ends every subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state = AmiConnectionState.Closed;
        _closing.Cancel();
        if (_connection is { } connection)
        {
            try
            {
                await connection.WriteAsync(new AmiAction("Logoff").Serialize(NextActionId()), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or TimeoutException or OperationCanceledException)
            {
            }

            connection.Abort();
        }

        try
        {
            await _supervisor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        FailPending(new AmiConnectionLostException("The AMI client was closed."));
        await CloseSubscriptionsAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    private async Task<object> SendAsync(AmiAction action, AmiPendingKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = _connection;
        if (connection is null || _state != AmiConnectionState.Connected)
        {
            throw new AmiNotConnectedException($"AMI is not connected ({_state}); {action.Name} was not sent.");
        }

        return await SendOnAsync(connection, action, kind, timeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<object> SendOnAsync(AmiConnection connection, AmiAction action, AmiPendingKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var actionId = NextActionId();
        var bytes = action.Serialize(actionId);
        var pending = new AmiPendingAction(action.Name, actionId, kind);
        _pending[actionId] = pending;
        try
        {
            try
            {
                await connection.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                throw new AmiConnectionLostException($"The AMI connection broke while sending {action.Name}.", exception);
            }

            return await pending.Completion.Task.WaitAsync(timeout, _options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AmiActionTimeoutException(action.Name, actionId, timeout);
        }
        finally
        {
            _pending.TryRemove(actionId, out _);
        }
    }

    private string NextActionId() => _idPrefix + Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void FailPending(Exception failure)
    {
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetException(failure);
        }
    }

    private void Report(AsteriskDiagnosticLevel level, string name, string message, Exception? exception = null) =>
        _diagnostics?.Invoke(new AsteriskDiagnostic(level, name, message, exception));
}
