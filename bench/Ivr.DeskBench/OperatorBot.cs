using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ivr.DeskBench;

/// <summary>
/// One operator at the desk, as the desk page works it: signed in to the portal, available, reading the
/// desk's event stream (the card arrives there, and the bot says it shows it, as desk.js does), releasing each answered call after the handle time and
/// making themselves available again; paused for a missed call, they come back at once and it is counted.
/// </summary>
public sealed class OperatorBot : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly string _name;
    private readonly TimeSpan _handle;
    private readonly CardLog _cards;
    private readonly Task _reading;
    private readonly HashSet<string> _handled = [];
    private int _busy;
    private int _pauses;
    private int _released;

    private OperatorBot(HttpClient client, string name, TimeSpan handle, CardLog cards, CancellationToken cancellationToken)
    {
        _client = client;
        _name = name;
        _handle = handle;
        _cards = cards;
        _reading = ReadAsync(cancellationToken);
    }

    public string Name => _name;

    /// <summary>True unless the desk's latest view says the operator is available.</summary>
    public bool Busy => Volatile.Read(ref _busy) > 0;

    public int Released => Volatile.Read(ref _released);

    /// <summary>How often the desk paused this operator for a call not answered in time.</summary>
    public int Pauses => Volatile.Read(ref _pauses);

    public static async Task<OperatorBot> SignInAsync(Uri portal, string name, string password, TimeSpan handle, CardLog cards, CancellationToken cancellationToken)
    {
        // The portal's certificate is the service's own, made for this machine.
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var client = new HttpClient(handler) { BaseAddress = portal, Timeout = Timeout.InfiniteTimeSpan };
        var session = await client.PostAsJsonAsync("/api/session", new { username = name, password }, cancellationToken);
        session.EnsureSuccessStatusCode();
        var token = (await session.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("antiforgeryToken").GetString()!;
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var bot = new OperatorBot(client, name, handle, cards, cancellationToken);
        await bot.AvailableAsync(cancellationToken);
        return bot;
    }

    private async Task AvailableAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync("/api/desk/status", new { status = "available" }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The desk's event stream: every view, the moment it arrives.</summary>
    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var response = await _client.GetAsync("/api/desk/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var view = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: view")
            {
                view = true;
            }
            else if (view && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                view = false;
                On(JsonDocument.Parse(line["data: ".Length..]).RootElement, DateTimeOffset.UtcNow, cancellationToken);
            }
        }
    }

    private void On(JsonElement view, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var status = view.GetProperty("status").GetString();
        Interlocked.Exchange(ref _busy, status == "available" ? 0 : 1);
        if (status == "paused")
        {
            Interlocked.Increment(ref _pauses);
            _ = Work(AvailableAsync, cancellationToken);
            return;
        }

        if (view.GetProperty("call") is not { ValueKind: JsonValueKind.Object } call)
        {
            return;
        }

        var callId = call.GetProperty("callId").GetString()!;
        if (_cards.Arrived(callId, _name, at, call.GetProperty("queuedAt").GetDateTimeOffset()))
        {
            // As the desk page does once it has drawn the card: the desk rings the phone now.
            _ = Work(
                async token =>
                {
                    using var seen = await _client.PostAsJsonAsync("/api/desk/seen", new { callId }, token);
                    seen.EnsureSuccessStatusCode();
                },
                cancellationToken);
        }

        if (call.GetProperty("answered").GetBoolean() && _handled.Add(callId))
        {
            _ = Work(
                async token =>
                {
                    await Task.Delay(_handle, token);
                    using (var released = await _client.PostAsync("/api/desk/release", null, token))
                    {
                        released.EnsureSuccessStatusCode();
                    }

                    Interlocked.Increment(ref _released);
                    await AvailableAsync(token);
                },
                cancellationToken);
        }
    }

    private async Task Work(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{_name}: {exception.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _reading;
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException or IOException)
        {
        }

        _client.Dispose();
    }
}
