using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// Keeps the AMI connection. Asterisk may start after the service, so the first connection is
/// retried with back-off; after that the client reconnects by itself.
/// </summary>
public sealed class AmiConnectionService(
    IOptions<AmiClientOptions> options,
    AsteriskDiagnosticsLogger diagnostics,
    ILogger<AmiConnectionService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<AmiClient> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The connected client, once the first login succeeded.</summary>
    public Task<AmiClient> ClientAsync(CancellationToken cancellationToken = default) => _client.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// The client if the first login has succeeded, else null: for actions about a moment that passes (taking a channel
    /// out of a room, hanging a line up), which have nothing to act on later and must not wait for Asterisk.
    /// </summary>
    public AmiClient? Connected => _client.Task.IsCompletedSuccessfully ? _client.Task.Result : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.Secret))
        {
            logger.LogWarning("No AMI secret configured (Asterisk__Ami__Secret); AMI features are off");
            return;
        }

        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var client = await AmiClient.ConnectAsync(options.Value, diagnostics.Log, stoppingToken);
                logger.LogInformation("AMI connected: {Banner}", client.Banner);
                client.ConnectionChanged += change => logger.LogInformation("AMI connection {State} (gap {GapSeconds:0.0} s)", change.State, change.Gap.TotalSeconds);
                _client.TrySetResult(client);
                await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                var ping = options.Value.PingLatency;
                logger.LogInformation(
                    "AMI keep-alive Pings: {Count} answered, round trip p50 {P50Microseconds:0} µs, p99 {P99Microseconds:0} µs",
                    ping.Count,
                    ping.Percentile(0.5).TotalMicroseconds,
                    ping.Percentile(0.99).TotalMicroseconds);
                await client.DisposeAsync();
                return;
            }
            catch (Exception exception) when (exception is AmiException or IOException)
            {
                logger.LogWarning("AMI connection failed ({Reason}); retrying in {DelaySeconds:0.0} s", exception.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }
}
