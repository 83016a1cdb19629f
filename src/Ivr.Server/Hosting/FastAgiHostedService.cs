using Ivr.Asterisk.Agi;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Hosting;

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
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
