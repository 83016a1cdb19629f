namespace Ivr.Asterisk.Ami;

/// <summary>Connection upkeep: login, keep-alive, and reconnection with capped, jittered back-off.</summary>
public sealed partial class AmiClient
{
    private long _reconnections;

    private sealed record Session(AmiConnection Connection, Task Reader);

    private async Task<Session> OpenAndLoginAsync(CancellationToken cancellationToken)
    {
        var connection = await AmiConnection.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
        var reader = Task.Run(() => connection.ReadMessagesAsync(Route, e => Report(AsteriskDiagnosticLevel.Warning, "AmiMalformedMessage", e.Message, e)), CancellationToken.None);
        try
        {
            var login = new AmiAction("Login") { Timeout = _options.ActionTimeout }
                .Add("Username", _options.Username)
                .Add("Secret", _options.Secret)
                .Add("Events", _options.Events);
            var response = (AmiMessage)await SendOnAsync(connection, login, AmiPendingKind.Single, _options.ActionTimeout, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new AmiAuthenticationException($"Asterisk refused the AMI login of '{_options.Username}': {response["Message"]}");
            }

            foreach (var filter in _options.EventFilter)
            {
                var filterAction = new AmiAction("Filter").Add("Operation", "Add").Add("Filter", filter);
                var filterResponse = (AmiMessage)await SendOnAsync(connection, filterAction, AmiPendingKind.Single, _options.ActionTimeout, cancellationToken).ConfigureAwait(false);
                if (!filterResponse.IsSuccess)
                {
                    throw new AmiActionFailedException("Filter", filterResponse);
                }
            }

            Banner = connection.Banner;
            return new Session(connection, reader);
        }
        catch
        {
            connection.Abort();
            await ObserveAsync(reader).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void StartSupervisor(Session first)
    {
        // Connected before ConnectAsync returns, so the caller's first action is not refused.
        _connection = first.Connection;
        _state = AmiConnectionState.Connected;
        _supervisor = Task.Run(() => SuperviseAsync(first));
    }

    private async Task SuperviseAsync(Session session)
    {
        while (true)
        {
            using var stopPing = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            var ping = PingLoopAsync(session.Connection, stopPing.Token);
            var error = await ObserveAsync(session.Reader).ConfigureAwait(false);
            stopPing.Cancel();
            await ObserveAsync(ping).ConfigureAwait(false);

            _connection = null;
            if (_closing.IsCancellationRequested)
            {
                await session.Connection.DisposeAsync().ConfigureAwait(false);
                return;
            }

            _state = AmiConnectionState.Reconnecting;
            FailPending(new AmiConnectionLostException("The AMI connection dropped; the action's outcome is unknown and it was not resent.", error));
            await session.Connection.DisposeAsync().ConfigureAwait(false);
            Report(AsteriskDiagnosticLevel.Warning, "AmiDisconnected", "The AMI connection dropped; reconnecting.", error);
            Raise(new AmiConnectionEventArgs(AmiConnectionState.Reconnecting, TimeSpan.Zero, 0, error));

            var lostAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var (next, attempts) = await ReconnectAsync().ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            session = next;
            Interlocked.Increment(ref _reconnections);
            var gap = System.Diagnostics.Stopwatch.GetElapsedTime(lostAt);
            _connection = session.Connection;
            _state = AmiConnectionState.Connected;
            Report(AsteriskDiagnosticLevel.Information, "AmiReconnected", $"AMI reconnected after {gap.TotalSeconds:0.0} s and {attempts} attempt(s).");
            Raise(new AmiConnectionEventArgs(AmiConnectionState.Connected, gap, attempts, null));
        }
    }

    private async Task<(Session? Session, int Attempts)> ReconnectAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Task.Delay(BackoffDelay(attempt), _options.Time, _closing.Token).ConfigureAwait(false);
                return (await OpenAndLoginAsync(_closing.Token).ConfigureAwait(false), attempt);
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return (null, attempt);
            }
            catch (Exception exception) when (exception is AmiException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                Report(AsteriskDiagnosticLevel.Debug, "AmiReconnectFailed", $"AMI reconnect attempt {attempt} failed: {exception.Message}", exception);
            }
        }
    }

    /// <summary>Exponential back-off, capped, with jitter in its upper half so many clients do not reconnect in step.</summary>
    internal TimeSpan BackoffDelay(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var ceiling = Math.Min(_options.ReconnectMaxDelay.TotalMilliseconds, _options.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private async Task PingLoopAsync(AmiConnection connection, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.PingInterval, _options.Time, cancellationToken).ConfigureAwait(false);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await SendOnAsync(connection, new AmiAction("Ping"), AmiPendingKind.Single, _options.PingTimeout, cancellationToken).ConfigureAwait(false);
                _options.PingLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            catch (AmiActionTimeoutException exception)
            {
                // A connection that cannot answer a Ping is dead even if TCP has not noticed.
                Report(AsteriskDiagnosticLevel.Warning, "AmiPingTimeout", exception.Message, exception);
                connection.Abort();
                return;
            }
            catch (AmiConnectionLostException)
            {
                return;
            }
        }
    }

    private void Raise(AmiConnectionEventArgs change)
    {
        var handlers = ConnectionChanged;
        if (handlers is null)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                handlers(change);
            }
            catch (Exception exception)
            {
                Report(AsteriskDiagnosticLevel.Error, "AmiConnectionHandlerFailed", "A ConnectionChanged handler threw.", exception);
            }
        });
    }

    private static async Task<Exception?> ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
