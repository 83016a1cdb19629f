using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Ivr.Portal;

/// <summary>
/// The web server of a process whose portal is off (<c>Portal:Enabled=false</c>): the host keeps one
/// shape, but nothing listens, so several processes (and the call tests) never fight over the port.
/// </summary>
public sealed class NoListenerServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
