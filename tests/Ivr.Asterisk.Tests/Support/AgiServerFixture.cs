using System.Collections.Concurrent;
using Ivr.Asterisk.Agi;

namespace Ivr.Asterisk.Tests.Support;

/// <summary>Starts a FastAGI server on a free loopback port with one script, mapped as <c>test</c>.</summary>
public sealed class AgiServerFixture : IAsyncDisposable
{
    private AgiServerFixture(FastAgiServer server, ConcurrentQueue<AsteriskDiagnostic> diagnostics)
    {
        Server = server;
        Diagnostics = diagnostics;
    }

    public FastAgiServer Server { get; }

    public ConcurrentQueue<AsteriskDiagnostic> Diagnostics { get; }

    public System.Net.IPEndPoint EndPoint => Server.LocalEndPoint;

    public static AgiServerFixture Start(AgiScriptHandler handler, Action<FastAgiServerOptions>? configure = null)
    {
        var options = new FastAgiServerOptions { Port = 0 };
        configure?.Invoke(options);
        var diagnostics = new ConcurrentQueue<AsteriskDiagnostic>();
        var server = FastAgiServer.Start(options, new AgiRouter().Map("test", handler), diagnostics.Enqueue);
        return new AgiServerFixture(server, diagnostics);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
