using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Ivr.Asterisk.Ami;

namespace Ivr.Testing;

/// <summary>
/// Releases a SIPp caller's media cue by cue. The scenario (written by <see cref="SippScript"/>) tells
/// us over SIPp's 3PCC twin socket when it reaches a <c>recvCmd</c>; we answer once AMI shows the
/// service listening on that caller's channel (<see cref="CallerCue"/>). SIPp connects to us because
/// its first twin command is a <c>sendCmd</c> (3PCC controller A); commands end with ESC.
/// </summary>
internal sealed class SippConductor : IAsyncDisposable
{
    private const char EndOfCommand = '\u001b';
    private readonly IReadOnlyList<CallerCue> _cues;
    private readonly string? _callerNumber;
    private readonly Regex? _phone;
    private readonly TcpListener _listener;
    private readonly Channel<AmiMessage> _events = Channel.CreateUnbounded<AmiMessage>();
    private readonly Dictionary<string, string> _dialed = [];
    private readonly StringBuilder _log = new();
    private readonly CancellationTokenSource _stop = new();
    private AmiClient? _ami;
    private AmiSubscription? _subscription;
    private Task _run = Task.CompletedTask;
    private string? _channel;

    private SippConductor(IReadOnlyList<CallerCue> cues, string? callerNumber, int? phonePort)
    {
        _cues = cues;
        _callerNumber = callerNumber;
        _phone = phonePort is { } port ? new Regex($@":{port}(\D|$)", RegexOptions.CultureInvariant) : null;
        _listener = new TcpListener(IPAddress.Loopback, 0);
    }

    /// <summary>The twin socket SIPp connects to (<c>-3pcc 127.0.0.1:Port</c>).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>For a patient: cues on the channel that calls in from <paramref name="callerNumber"/>, seen through <paramref name="ami"/> (default: the single Asterisk's).</summary>
    public static Task<SippConductor> ForCallerAsync(IReadOnlyList<CallerCue> cues, string callerNumber, AmiClientOptions? ami = null) =>
        StartAsync(new SippConductor(cues, callerNumber, null), ami);

    /// <summary>For a phone: cues on the channel Asterisk dials to SIPp's SIP port <paramref name="phonePort"/>, seen through <paramref name="ami"/> (default: the single Asterisk's).</summary>
    public static Task<SippConductor> ForPhoneAsync(IReadOnlyList<CallerCue> cues, int phonePort, AmiClientOptions? ami = null) =>
        StartAsync(new SippConductor(cues, null, phonePort), ami);

    /// <summary>Where the caller stands, for a failure message: the cues given and the one awaited.</summary>
    public string Progress
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _run;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_ami is not null)
        {
            await _ami.DisposeAsync();
        }

        _stop.Dispose();
    }

    private static async Task<SippConductor> StartAsync(SippConductor conductor, AmiClientOptions? ami)
    {
        // Our own AMI login: the agi class (AGIExecStart), call (DialBegin) and dialplan (Newexten).
        var options = ami ?? RealAsterisk.AmiOptions();
        options.Events = "agi,call,dialplan";
        conductor._ami = await AmiClient.ConnectAsync(options);
        conductor._subscription = conductor._ami.Subscribe(conductor.OnEventAsync, e => e.IsEvent("AGIExecStart") || e.IsEvent("Newexten") || e.IsEvent("DialBegin"));
        conductor._listener.Start();
        conductor._run = Task.Run(conductor.RunAsync);
        return conductor;
    }

    private ValueTask OnEventAsync(AmiMessage amiEvent, CancellationToken cancellationToken)
    {
        if (amiEvent.IsEvent("DialBegin"))
        {
            lock (_dialed)
            {
                _dialed[amiEvent["DestUniqueid"] ?? string.Empty] = amiEvent["DialString"] ?? string.Empty;
            }
        }
        else if (OnCallersLine(amiEvent))
        {
            _events.Writer.TryWrite(amiEvent);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether the event is on this caller's channel (once a cue has named it, only that one).</summary>
    private bool OnCallersLine(AmiMessage amiEvent)
    {
        var uniqueId = amiEvent["Uniqueid"] ?? string.Empty;
        lock (_dialed)
        {
            if (_channel is not null)
            {
                return uniqueId == _channel;
            }

            var dialed = _dialed.TryGetValue(uniqueId, out var dialString);
            return _phone is not null
                ? dialed && _phone.IsMatch(dialString!)
                : !dialed && amiEvent["CallerIDNum"] == _callerNumber;
        }
    }

    private async Task RunAsync()
    {
        using var socket = await _listener.AcceptSocketAsync(_stop.Token);
        await using var stream = new NetworkStream(socket);
        var pending = new StringBuilder();
        for (var i = 0; i < _cues.Count; i++)
        {
            var cue = _cues[i];
            var ready = await ReadCommandAsync(stream, pending);
            if (ready is null)
            {
                Log($"SIPp closed its twin socket before cue {i + 1} of {_cues.Count} ({cue})");
                return;
            }

            var callId = ready.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Call-ID:", StringComparison.OrdinalIgnoreCase))?[8..].Trim()
                ?? throw new InvalidOperationException($"SIPp's command had no Call-ID: {ready}");
            Log($"cue {i + 1} of {_cues.Count}: SIPp waits for {cue}");
            while (true)
            {
                var amiEvent = await _events.Reader.ReadAsync(_stop.Token);
                if (OnCallersLine(amiEvent) && cue.Matches(amiEvent))
                {
                    lock (_dialed)
                    {
                        _channel ??= amiEvent["Uniqueid"];
                    }

                    break;
                }
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes($"Call-ID: {callId}\r\nCue: {(i + 1).ToString(CultureInfo.InvariantCulture)}\r\n{EndOfCommand}"), _stop.Token);
            Log($"cue {i + 1} given");
        }

        Log("every cue given");

        // SIPp's twin socket stays open until SIPp ends.
        await ReadCommandAsync(stream, pending);
    }

    private async Task<string?> ReadCommandAsync(NetworkStream stream, StringBuilder pending)
    {
        var buffer = new byte[512];
        while (true)
        {
            var text = pending.ToString();
            var end = text.IndexOf(EndOfCommand, StringComparison.Ordinal);
            if (end >= 0)
            {
                pending.Remove(0, end + 1);
                return text[..end];
            }

            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.AppendLine(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
