using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Asterisk.Ami;
using Ivr.Asterisk.Text;

namespace Ivr.Asterisk.Tests.Support;

/// <summary>
/// An in-process AMI server that speaks the real protocol: banner, Login (checks the secret),
/// Ping, Logoff, and whatever a test adds through <see cref="OnAction"/>. It can drop every
/// connection (an Asterisk restart) and refuse new ones for a while.
/// </summary>
public sealed class FakeAmiServer : IAsyncDisposable
{
    public const string Secret = "s3cret";
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<int, Session> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _nextSession;

    private FakeAmiServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every action received, across connections, in order.</summary>
    public ConcurrentQueue<AmiMessage> Actions { get; } = new();

    public int Logins;

    /// <summary>When false, new connections are closed at once (Asterisk is down).</summary>
    public volatile bool Accepting = true;

    /// <summary>How many connections were closed at once because <see cref="Accepting"/> was false.</summary>
    public int Refused;

    /// <summary>Answers actions other than Login/Ping/Logoff; return null to send no response at all.</summary>
    public Func<AmiMessage, Session, string?>? OnAction { get; set; }

    public static FakeAmiServer Start() => new();

    public AmiClientOptions ClientOptions() => new()
    {
        Port = Port,
        Secret = Secret,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ActionTimeout = TimeSpan.FromSeconds(5),
    };

    public IEnumerable<AmiMessage> ActionsNamed(string name) =>
        Actions.Where(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Closes every connection, as an Asterisk restart does.</summary>
    public void DropAll()
    {
        foreach (var session in _sessions.Values)
        {
            session.Close();
        }
    }

    /// <summary>Sends raw AMI text (CRLF lines, blank line at the end) to every logged-in connection.</summary>
    public async Task BroadcastAsync(string message)
    {
        foreach (var session in _sessions.Values.Where(s => s.LoggedIn))
        {
            await session.WriteAsync(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            if (!Accepting)
            {
                Interlocked.Increment(ref Refused);
                client.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextSession);
            var session = new Session(this, client);
            _sessions[id] = session;
            _ = Task.Run(async () =>
            {
                await session.RunAsync();
                _sessions.TryRemove(id, out _);
            });
        }
    }

    /// <summary>One client connection.</summary>
    public sealed class Session
    {
        private readonly FakeAmiServer _server;
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly SemaphoreSlim _writeLock = new(1, 1);

        internal Session(FakeAmiServer server, TcpClient client)
        {
            _server = server;
            _client = client;
            _stream = client.GetStream();
        }

        public bool LoggedIn { get; private set; }

        public async Task WriteAsync(string text)
        {
            await _writeLock.WaitAsync();
            try
            {
                await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
            }
            finally
            {
                _writeLock.Release();
            }
        }

        public void Close() => _client.Dispose();

        internal async Task RunAsync()
        {
            await WriteAsync("Asterisk Call Manager/11.0.0\r\n");
            var reader = new AmiMessageReader();
            var buffer = new byte[8192];
            var pending = new System.Buffers.ArrayBufferWriter<byte>();
            try
            {
                while (true)
                {
                    var read = await _stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.Write(buffer.AsSpan(0, read));
                    var sequence = new System.Buffers.ReadOnlySequence<byte>(pending.WrittenMemory);
                    while (LineScanner.TryReadLine(ref sequence, 65536, out var line) == LineScanStatus.Line)
                    {
                        // The reader expects a banner first; actions never start with one.
                        if (reader.Feed(line) is { } action)
                        {
                            await HandleAsync(action);
                        }
                    }

                    var rest = BuffersExtensions.ToArray(sequence);
                    pending.Clear();
                    pending.Write(rest);
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
            {
            }
        }

        private async Task HandleAsync(AmiMessage action)
        {
            _server.Actions.Enqueue(action);
            var id = action.ActionId;
            switch (action.Name.ToLowerInvariant())
            {
                case "login" when action["Secret"] == Secret:
                    LoggedIn = true;
                    Interlocked.Increment(ref _server.Logins);
                    await WriteAsync($"Response: Success\r\nActionID: {id}\r\nMessage: Authentication accepted\r\n\r\n");
                    await WriteAsync("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 10\r\nLastReload: 10\r\nStatus: Fully Booted\r\n\r\n");
                    return;
                case "login":
                    await Task.Delay(100);
                    await WriteAsync($"Response: Error\r\nActionID: {id}\r\nMessage: Authentication failed\r\n\r\n");
                    Close();
                    return;
                case "logoff":
                    await WriteAsync($"Response: Goodbye\r\nActionID: {id}\r\nMessage: Thanks for all the fish.\r\n\r\n");
                    Close();
                    return;
            }

            if (!LoggedIn)
            {
                await WriteAsync($"Response: Error\r\nActionID: {id}\r\nMessage: Permission denied\r\n\r\n");
                return;
            }

            var custom = _server.OnAction?.Invoke(action, this);
            if (custom is not null)
            {
                await WriteAsync(custom);
                return;
            }

            if (_server.OnAction is null || action.Name.Equals("Ping", StringComparison.OrdinalIgnoreCase))
            {
                if (action.Name.Equals("Ping", StringComparison.OrdinalIgnoreCase))
                {
                    await WriteAsync($"Response: Success\r\nActionID: {id}\r\nPing: Pong\r\nTimestamp: 1700000000.000000\r\n\r\n");
                }
                else
                {
                    await WriteAsync($"Response: Success\r\nActionID: {id}\r\n\r\n");
                }
            }
        }
    }
}
