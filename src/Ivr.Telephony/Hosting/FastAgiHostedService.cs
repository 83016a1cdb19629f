using Ivr.Asterisk.Agi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Hosting;

/// <summary>Runs the FastAGI listener for the life of the service.</summary>
public sealed class FastAgiHostedService(
    IOptions<FastAgiServerOptions> options,
    AgiRouter router,
    AsteriskDiagnosticsLogger diagnostics,
    ILogger<FastAgiHostedService> logger) : IHostedService, IAsyncDisposable
{
    private FastAgiServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = FastAgiServer.Start(options.Value, router, diagnostics.Log);
        logger.LogInformation("FastAGI listening on {EndPoint}", _server.LocalEndPoint);
        if (string.IsNullOrEmpty(options.Value.Secret))
        {
            logger.LogWarning("FastAGI has no shared key (Asterisk:FastAgi:Secret; scripts/asterisk env prints it): every session is refused and calls go to Asterisk's safety net");
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        var latency = options.Value.Channel.ImmediateCommandLatency;
        logger.LogInformation(
            "FastAGI immediate commands: {Count} answered, write-to-reply p50 {P50Microseconds:0} µs, p99 {P99Microseconds:0} µs",
            latency.Count,
            latency.Percentile(0.5).TotalMicroseconds,
            latency.Percentile(0.99).TotalMicroseconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
