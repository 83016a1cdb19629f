using System.Collections.Concurrent;
using Ivr.Asterisk.Agi;

namespace Ivr.Asterisk.IntegrationTests.Support;

/// <summary>Our FastAGI server on the port the dialplan's <c>test-*</c> extensions call, with one script.</summary>
public sealed class TestAgiServer : IAsyncDisposable
{
    private readonly FastAgiServer _server;

    private TestAgiServer(FastAgiServer server, ConcurrentQueue<AsteriskDiagnostic> diagnostics)
    {
        _server = server;
        Diagnostics = diagnostics;
    }

    public ConcurrentQueue<AsteriskDiagnostic> Diagnostics { get; }

    public static TestAgiServer Start(string script, AgiScriptHandler handler)
    {
        var diagnostics = new ConcurrentQueue<AsteriskDiagnostic>();
        var options = new FastAgiServerOptions { Port = RealAsterisk.TestAgiPort };
        return new TestAgiServer(FastAgiServer.Start(options, new AgiRouter().Map(script, handler), diagnostics.Enqueue), diagnostics);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
