using System.Globalization;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Live;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// What the service knows of each Asterisk server it holds AMI to, and what it does about a change: a warning in the
/// log when one is lost, and once it has stayed lost for <see cref="AsteriskHealthOptions.DownGrace"/> an email to the
/// supervisor; another when it is back. Fed by <see cref="AsteriskHealthWatcher"/>; shown in the live view beside the
/// outside line when there are several servers.
/// </summary>
public sealed class AsteriskHealth : IPhoneServers
{
    private readonly AsteriskServers _servers;
    private readonly AsteriskHealthOptions _options;
    private readonly IEmailSender _email;
    private readonly DispatchOptions _dispatch;
    private readonly TimeProvider _time;
    private readonly ILogger<AsteriskHealth> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<AmiConnectionService, State> _states = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AsteriskHealth(AsteriskServers servers, AsteriskHealthOptions options, IEmailSender email, DispatchOptions dispatch, TimeProvider time, ILogger<AsteriskHealth> logger)
    {
        _servers = servers;
        _options = options;
        _email = email;
        _dispatch = dispatch;
        _time = time;
        _logger = logger;

        // Not reached yet counts as down from the start: a server dead when the service starts is reported too.
        foreach (var server in servers.All.Where(s => s.Enabled))
        {
            _states[server] = new State(false, "not connected yet", time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<PhoneServerStatus> Servers
    {
        get
        {
            if (_servers.All.Count < 2)
            {
                return [];
            }

            lock (_gate)
            {
                return _servers.All.Where(_states.ContainsKey).Select(s => new PhoneServerStatus(s.Label, _states[s].Up, _states[s].Description, _states[s].Since)).ToArray();
            }
        }
    }

    /// <inheritdoc />
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Whether <paramref name="server"/> is up as last observed.</summary>
    public bool IsUp(AmiConnectionService server)
    {
        lock (_gate)
        {
            return _states.TryGetValue(server, out var state) && state.Up;
        }
    }

    /// <summary>Takes what was seen of <paramref name="server"/> just now; logs a change, and tells the supervisor when it is back after being reported.</summary>
    public async Task ObserveAsync(AmiConnectionService server, bool up, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_states.TryGetValue(server, out var state))
            {
                return;
            }

            if (state.Up != up || state.Description != description)
            {
                // A down server that goes on being down (lost, then shutting down) keeps its first moment.
                _states[server] = state with { Up = up, Description = description, Since = state.Up == up ? state.Since : now };
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (state.Up != up)
                {
                    _logger.Log(up ? LogLevel.Information : LogLevel.Warning, "Asterisk server {Server} ({Address}) is {State}", server.Label, server.Address, description);
                }
            }
        }

        await CheckAsync(cancellationToken);
    }

    /// <summary>Tells the supervisor of every server down past the grace, and of every one back after being reported; each once.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var notices = new List<(NoticeKind Kind, AmiConnectionService Server, State State)>();
        lock (_gate)
        {
            foreach (var (server, state) in _states.ToArray())
            {
                if (!state.Up && !state.Told && now - state.Since >= _options.DownGrace)
                {
                    _states[server] = state with { Told = true };
                    notices.Add((NoticeKind.PhoneServerDown, server, state));
                }
                else if (state.Up && state.Told)
                {
                    _states[server] = state with { Told = false };
                    notices.Add((NoticeKind.PhoneServerRestored, server, state));
                }
            }
        }

        foreach (var (kind, server, state) in notices)
        {
            await TellSupervisorAsync(kind, server, state, now, cancellationToken);
        }
    }

    private async Task TellSupervisorAsync(NoticeKind kind, AmiConnectionService server, State state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_dispatch.SupervisorEmail.Length == 0)
        {
            _logger.LogWarning("No supervisor email (Dispatch:SupervisorEmail) to tell that Asterisk server {Server} is {State}", server.Label, state.Description);
            return;
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"server {server.Label} (AMI {server.Address}) {state.Description} since {state.Since:yyyy-MM-dd HH:mm} UTC");
        var notice = new Notice(kind, string.Empty, "the answering service", [], 0, now) { Detail = detail };
        var result = await _email.SendAsync(_dispatch.SupervisorEmail, notice, cancellationToken);
        _logger.Log(
            result.Accepted ? LogLevel.Information : LogLevel.Warning,
            "Supervisor told that Asterisk server {Server} is {State}: {Delivery}",
            server.Label,
            state.Description,
            result.Detail);
    }

    private sealed record State(bool Up, string Description, DateTimeOffset Since, bool Told = false);
}
