using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Ivr.Telephony.Dispatch;

namespace Ivr.Testing;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (a free port) that answers every request with one status,
/// optionally after a delay, and keeps what it received.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpStatusCode _status;
    private readonly TimeSpan _delay;
    private readonly string? _location;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private WebhookReceiver(HttpListener listener, string url, HttpStatusCode status, TimeSpan delay, string? location)
    {
        _listener = listener;
        _location = location;
        _status = status;
        _delay = delay;
        Url = url;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Where to post, e.g. <c>http://127.0.0.1:40123/hooks/ivr</c>.</summary>
    public string Url { get; }

    /// <summary>Starts a receiver; <paramref name="location"/>, when given, is sent as the <c>Location</c> header (a redirect).</summary>
    public static WebhookReceiver Start(HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default, string? location = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeTcpPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new WebhookReceiver(listener, $"http://127.0.0.1:{port}/hooks/ivr", status, delay, location);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding; try another.
                listener.Close();
            }
        }
    }

    /// <summary>The next request received; fails the test if none comes within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _received.Writer.TryWrite(new ReceivedWebhook(
                context.Request.Url!.AbsolutePath,
                context.Request.ContentType,
                context.Request.Headers[WebhookSignature.TimestampHeader],
                context.Request.Headers[WebhookSignature.SignatureHeader],
                body));
            await Task.Delay(_delay, _stopping.Token);
            context.Response.StatusCode = (int)_status;
            if (_location is not null)
            {
                context.Response.RedirectLocation = _location;
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // The receiver is shutting down, or the sender gave up waiting.
        }
    }

    private static int FreeTcpPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
