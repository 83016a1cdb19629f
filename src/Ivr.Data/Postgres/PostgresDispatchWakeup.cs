using Ivr.Domain.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Data;

/// <summary>
/// Wakes the dispatcher when a message is saved by any server: the trigger <c>dispatches_notify</c> sends
/// <c>NOTIFY ivr_dispatch</c> when dispatch rows are inserted (at commit), and this listens on one connection of its
/// own, opened at the first <see cref="NextAsync"/>. A dropped connection is opened again after a pause; meanwhile
/// the dispatcher's poll carries on, so nothing waits longer than it would without the listener.
/// </summary>
public sealed class PostgresDispatchWakeup(DataOptions options, TimeProvider time, ILogger<PostgresDispatchWakeup>? logger = null) : IDispatchWakeup, IAsyncDisposable
{
    /// <summary>The channel the trigger notifies.</summary>
    public const string Channel = "ivr_dispatch";

    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = logger ?? NullLogger<PostgresDispatchWakeup>.Instance;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = NewSignal();
    private Task? _listening;

    public Task NextAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
            return _next.Task.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is not null)
        {
            await _listening.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // A message saved while the listener was away (or before it first listened) is not missed: waking once
                // costs one early round.
                Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever ended the listening (a dropped connection, a server gone, or something nobody foresaw), the
                // listener must not end with it: that would leave the dispatcher to its poll for good, and say nothing.
                _logger.LogWarning(exception, "Listening for new dispatches failed; the poll carries on and the listener reconnects in {Seconds} s", Reconnect.TotalSeconds);
                try
                {
                    await Task.Delay(Reconnect, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _next;
            _next = NewSignal();
        }

        woken.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
