using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Asterisk.Tests.Support;

/// <summary>
/// Plays Asterisk's side of one FastAGI session against our server over real TCP: sends the
/// environment block, then reads each command line and answers with the bytes a test gives.
/// It fails a test when a second command arrives before the first was answered.
/// </summary>
public sealed class FakeAgiCall : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MemoryStream _pending = new();
    private readonly byte[] _buffer = new byte[4096];

    private FakeAgiCall(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Commands received, in order.</summary>
    public List<string> Commands { get; } = [];

    public static async Task<FakeAgiCall> ConnectAsync(IPEndPoint server, string script = "test", string uniqueId = "1700000000.1", string? extraEnvironment = null)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server);
        var call = new FakeAgiCall(client);
        var environment =
            "agi_network: yes\n" +
            $"agi_network_script: {script}\n" +
            $"agi_request: agi://127.0.0.1:{server.Port}/{script}\n" +
            "agi_channel: PJSIP/sipp-00000001\n" +
            "agi_language: en\n" +
            "agi_type: PJSIP\n" +
            $"agi_uniqueid: {uniqueId}\n" +
            "agi_version: 22.0.0\n" +
            "agi_callerid: 5551234567\n" +
            "agi_calleridname: unknown\n" +
            "agi_dnid: 100\n" +
            "agi_context: ivr-entry\n" +
            "agi_extension: 100\n" +
            "agi_priority: 1\n" +
            "agi_enhanced: 0.0\n" +
            "agi_accountcode: \n" +
            (extraEnvironment ?? string.Empty) +
            "\n";
        await call.SendAsync(environment);
        return call;
    }

    /// <summary>Writes raw bytes as Asterisk would (replies end with LF).</summary>
    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads the next command line; fails if it does not end with a bare LF.</summary>
    public async Task<string> ReadCommandAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = TakeLine();
            if (line is not null)
            {
                Assert.False(line.EndsWith('\r'), $"Command '{line}' ended with CR LF; AGI wants LF only.");
                Commands.Add(line);
                return line;
            }

            var read = await _stream.ReadAsync(_buffer, cts.Token);
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the session while a command was expected.");
            }

            _pending.Write(_buffer, 0, read);
        }
    }

    /// <summary>Reads a command and answers it.</summary>
    public async Task<string> ExpectAsync(string command, string reply)
    {
        var line = await ReadCommandAsync();
        Assert.Equal(command, line);
        await AssertNothingMoreAsync(TimeSpan.FromMilliseconds(20));
        await SendAsync(reply);
        return line;
    }

    /// <summary>Fails if the server writes anything within the window (e.g. a second command before a reply).</summary>
    public async Task AssertNothingMoreAsync(TimeSpan window)
    {
        Assert.True(_pending.Length == 0, "The server sent more than one command before a reply.");
        using var cts = new CancellationTokenSource(window);
        try
        {
            var read = await _stream.ReadAsync(_buffer, cts.Token);
            if (read > 0)
            {
                _pending.Write(_buffer, 0, read);
                Assert.Fail($"The server wrote '{Encoding.UTF8.GetString(_buffer, 0, read).TrimEnd()}' while a command was in flight.");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>True when the server closes the connection within the timeout (and sent nothing more).</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(_buffer, cts.Token);
                if (read == 0)
                {
                    return true;
                }

                _pending.Write(_buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private string? TakeLine()
    {
        var bytes = _pending.ToArray();
        var lf = Array.IndexOf(bytes, (byte)'\n');
        if (lf < 0)
        {
            return null;
        }

        var line = Encoding.UTF8.GetString(bytes, 0, lf);
        _pending.SetLength(0);
        _pending.Write(bytes, lf + 1, bytes.Length - lf - 1);
        return line;
    }
}
