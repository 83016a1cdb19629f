using System.Globalization;
using Ivr.Asterisk.Ami;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Live;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Trunk;

/// <summary>
/// What the service knows of the carrier trunk's registration, and what it does about a change: a warning in the log
/// when the trunk is down, and once it has stayed down for <see cref="TrunkOptions.DownGrace"/> (a restart of Asterisk
/// registers again within seconds) an email to the supervisor; another when it is back. Fed by <see cref="TrunkWatcher"/>.
/// </summary>
public sealed class TrunkHealth(TrunkOptions options, IEmailSender email, DispatchOptions dispatch, TimeProvider time, ILogger<TrunkHealth> logger) : IOutsideLine
{
    private readonly Lock _gate = new();
    private TrunkStatus _status = new(TrunkRegistrationState.Unknown, time.GetUtcNow());
    private bool _supervisorTold;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The registration's state now and since when.</summary>
    public TrunkStatus Current
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <inheritdoc />
    Task IOutsideLine.Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <inheritdoc />
    OutsideLineStatus? IOutsideLine.Status
    {
        get
        {
            if (!options.Configured)
            {
                return null;
            }

            var status = Current;
            return new OutsideLineStatus(status.State == TrunkRegistrationState.Registered, $"trunk {options.Endpoint} {Words(status.State)}", status.Since);
        }
    }

    /// <summary>Asks Asterisk (AMI <c>PJSIPShowRegistrationsOutbound</c>) once and takes its answer; an AMI failure leaves the state as it was.</summary>
    public async Task CheckAsync(AmiClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        AmiEventList list;
        try
        {
            list = await client.SendListActionAsync(new AmiAction(TrunkRegistrationList.Action), cancellationToken);
        }
        catch (AmiException exception)
        {
            logger.LogWarning("Could not ask Asterisk for carrier trunk {Endpoint}'s registration: {Reason}", options.Endpoint, exception.Message);
            return;
        }

        await ObserveAsync(TrunkRegistrationList.Read(list.Events, options.Endpoint), cancellationToken);
    }

    /// <summary>Takes the state Asterisk reported just now; logs a change, and tells the supervisor when the trunk has been down past the grace or is back.</summary>
    public async Task ObserveAsync(TrunkRegistrationState state, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        NoticeKind? notice = null;
        TrunkStatus status;
        lock (_gate)
        {
            if (state != _status.State)
            {
                var before = _status.State;
                _status = new TrunkStatus(state, now);
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (IsDown(state))
                {
                    logger.LogWarning("Carrier trunk {Endpoint} is {State} (was {Before}): phone numbers cannot be dialled", options.Endpoint, state, before);
                }
                else if (state == TrunkRegistrationState.Registered)
                {
                    logger.LogInformation("Carrier trunk {Endpoint} is registered (was {Before})", options.Endpoint, before);
                }
            }

            if (IsDown(_status.State) && !_supervisorTold && now - _status.Since >= options.DownGrace)
            {
                _supervisorTold = true;
                notice = NoticeKind.OutsideLineDown;
            }
            else if (_status.State == TrunkRegistrationState.Registered && _supervisorTold)
            {
                _supervisorTold = false;
                notice = NoticeKind.OutsideLineRestored;
            }

            status = _status;
        }

        if (notice is { } kind)
        {
            await TellSupervisorAsync(kind, status, now, cancellationToken);
        }
    }

    /// <summary>True for the states in which no call can leave through the trunk.</summary>
    public static bool IsDown(TrunkRegistrationState state) =>
        state is TrunkRegistrationState.Unregistered or TrunkRegistrationState.Rejected or TrunkRegistrationState.Stopped or TrunkRegistrationState.Missing;

    private async Task TellSupervisorAsync(NoticeKind kind, TrunkStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dispatch.SupervisorEmail.Length == 0)
        {
            logger.LogWarning("No supervisor email (Dispatch:SupervisorEmail) to tell that carrier trunk {Endpoint} is {State}", options.Endpoint, status.State);
            return;
        }

        var notice = new Notice(kind, string.Empty, "the answering service", [], 0, now) { Detail = Describe(status) };
        var result = await email.SendAsync(dispatch.SupervisorEmail, notice, cancellationToken);
        logger.Log(
            result.Accepted ? LogLevel.Information : LogLevel.Warning,
            "Supervisor told that carrier trunk {Endpoint} is {State}: {Delivery}",
            options.Endpoint,
            status.State,
            result.Detail);
    }

    private string Describe(TrunkStatus status) =>
        string.Create(CultureInfo.InvariantCulture, $"trunk {options.Endpoint} {Words(status.State)} since {status.Since:yyyy-MM-dd HH:mm} UTC");

    private static string Words(TrunkRegistrationState state) => state switch
    {
        TrunkRegistrationState.Registered => "registered",
        TrunkRegistrationState.Rejected => "refused by the carrier (username or password?)",
        TrunkRegistrationState.Missing => "not in Asterisk's configuration",
        TrunkRegistrationState.Stopped => "stopped in Asterisk",
        TrunkRegistrationState.Unknown => "not asked yet",
        _ => "not registered (the carrier does not answer?)",
    };
}

/// <summary>A trunk registration's state and when it began.</summary>
public sealed record TrunkStatus(TrunkRegistrationState State, DateTimeOffset Since);
