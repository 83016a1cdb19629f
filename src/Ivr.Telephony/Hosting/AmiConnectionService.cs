using Ivr.Asterisk.Ami;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// Keeps the AMI connection to one Asterisk server. Asterisk may start after the service, so the first connection is
/// retried with back-off; after that the client reconnects by itself. <see cref="AsteriskServers"/> holds one per server.
/// </summary>
public sealed class AmiConnectionService : BackgroundService
{
    private readonly AmiClientOptions _options;
    private readonly AsteriskDiagnosticsLogger _diagnostics;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<AmiClient> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The single server of <c>Asterisk:Ami</c>, with no name.</summary>
    public AmiConnectionService(IOptions<AmiClientOptions> options, AsteriskDiagnosticsLogger diagnostics, ILogger<AmiConnectionService> logger)
        : this(string.Empty, options.Value, diagnostics, logger)
    {
    }

    /// <summary>The server whose <c>systemname</c> is <paramref name="name"/> (empty: a server without one).</summary>
    public AmiConnectionService(string name, AmiClientOptions options, AsteriskDiagnosticsLogger diagnostics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _diagnostics = diagnostics;
        _logger = logger;
    }

    /// <summary>The server's <c>systemname</c> (asterisk.conf), which begins its uniqueids; empty for a server without one.</summary>
    public string Name { get; }

    /// <summary>The server in a log line or on a page: its name, or "Asterisk" when it has none.</summary>
    public string Label => Name.Length == 0 ? "Asterisk" : Name;

    /// <summary>Where the server listens for AMI, for a log line.</summary>
    public string Address => $"{_options.Host}:{_options.Port}";

    /// <summary>False when no secret is set: the connection is never tried.</summary>
    public bool Enabled => !string.IsNullOrEmpty(_options.Secret);

    /// <summary>Raised with the client after the first login, and after each change of its connection (the client's own event).</summary>
    public event Action<AmiConnectionService, AmiConnectionState>? StateChanged;

    /// <summary>The connected client, once the first login succeeded.</summary>
    public Task<AmiClient> ClientAsync(CancellationToken cancellationToken = default) => _client.Task.WaitAsync(cancellationToken);

    /// <summary>For a watcher of the server's events: the connected client once the first login succeeded, or null when <paramref name="stoppingToken"/> (the host stopping) ends the wait first.</summary>
    public async Task<AmiClient?> ClientUnlessStoppedAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await ClientAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The client if the first login has succeeded, else null: for actions about a moment that passes (taking a channel
    /// out of a room, hanging a line up), which have nothing to act on later and must not wait for Asterisk.
    /// </summary>
    public AmiClient? Connected => _client.Task.IsCompletedSuccessfully ? _client.Task.Result : null;

    /// <summary>True while logged in now (not before the first login, nor while the client reconnects).</summary>
    public bool IsUp => Connected?.State == AmiConnectionState.Connected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            _logger.LogWarning("No AMI secret configured (Asterisk__Ami__Secret) for {Server}; AMI features are off", Label);
            return;
        }

        try
        {
            _options.Validate();
        }
        catch (ArgumentException exception)
        {
            // Started by AsteriskServers, not by the host: say it here, for nothing else would.
            _logger.LogError("AMI settings for {Server} are not valid ({Reason}); AMI features for it are off", Label, exception.Message);
            return;
        }

        var delay = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var client = await AmiClient.ConnectAsync(_options, _diagnostics.Log, stoppingToken);
                _logger.LogInformation("AMI connected to {Server}: {Banner}", Label, client.Banner);
                client.ConnectionChanged += change =>
                {
                    _logger.LogInformation("AMI connection to {Server} {State} (gap {GapSeconds:0.0} s)", Label, change.State, change.Gap.TotalSeconds);
                    StateChanged?.Invoke(this, change.State);
                };
                _client.TrySetResult(client);
                StateChanged?.Invoke(this, AmiConnectionState.Connected);
                await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                var ping = _options.PingLatency;
                _logger.LogInformation(
                    "AMI keep-alive Pings to {Server}: {Count} answered, round trip p50 {P50Microseconds:0} µs, p99 {P99Microseconds:0} µs",
                    Label,
                    ping.Count,
                    ping.Percentile(0.5).TotalMicroseconds,
                    ping.Percentile(0.99).TotalMicroseconds);
                await client.DisposeAsync();
                return;
            }
            catch (Exception exception) when (exception is AmiException or IOException)
            {
                _logger.LogWarning("AMI connection to {Server} failed ({Reason}); retrying in {DelaySeconds:0.0} s", Label, exception.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }
}
