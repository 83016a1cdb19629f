using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Data;

/// <summary>
/// The service's clock set to the database server's: the time every process sharing one database writes and compares
/// (dispatch and campaign leases, escalation steps, call records). Several machines' clocks drift apart; a lease
/// written by one and read by another must mean the same instant to both, so the time of day comes from the one
/// database. Each process measures its offset to the server (<see cref="MeasureAsync"/>: one round trip, the server's
/// reading taken as halfway through it) and adds it to its own clock; timers and elapsed times stay on the local
/// monotonic clock, which is what they need. Where the database has no clock of its own (SQLite) the offset stays zero.
/// </summary>
public sealed class DatabaseClock(TimeProvider local) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far the database server's clock is ahead of this machine's (negative: behind).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => local.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => local.LocalTimeZone;

    public override long TimestampFrequency => local.TimestampFrequency;

    public override long GetTimestamp() => local.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        local.CreateTimer(callback, state, dueTime, period);

    /// <summary>Reads the server's clock once and sets <see cref="Offset"/> from it; returns the offset, or null when the database has no clock.</summary>
    public async Task<TimeSpan?> MeasureAsync(Database database, CancellationToken cancellationToken = default)
    {
        var sent = local.GetTimestamp();
        var sentAt = local.GetUtcNow();
        var server = await database.ServerNowAsync(cancellationToken);
        if (server is null)
        {
            return null;
        }

        var roundTrip = local.GetElapsedTime(sent);
        var offset = server.Value - (sentAt + roundTrip / 2);
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        return offset;
    }
}

/// <summary>
/// Keeps the <see cref="DatabaseClock"/> set: measures before the other workers start and every <see cref="Interval"/>
/// after; a failed reading (the database down, slow) keeps the last offset.
/// </summary>
public sealed class DatabaseClockService(DatabaseClock clock, Database database, TimeProvider local, ILogger<DatabaseClockService>? logger = null) : BackgroundService
{
    /// <summary>How often the offset is measured again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>An offset past this is worth a warning: the machine's clock is not kept (NTP).</summary>
    public static readonly TimeSpan Drift = TimeSpan.FromSeconds(1);

    /// <summary>How long the start waits for the first reading before the rest of the service starts on the local clock.</summary>
    public static readonly TimeSpan FirstReading = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = logger ?? NullLogger<DatabaseClockService>.Instance;
    private bool _noClock;

    /// <summary>Takes the first reading before the workers start, so their first leases are on the database's time.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(FirstReading, local);
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        await MeasureAsync(first.Token);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_noClock && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, local, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await MeasureAsync(stoppingToken);
        }
    }

    private async Task MeasureAsync(CancellationToken cancellationToken)
    {
        try
        {
            var offset = await clock.MeasureAsync(database, cancellationToken);
            if (offset is null)
            {
                _noClock = true;
            }
            else if (offset.Value.Duration() > Drift)
            {
                _logger.LogWarning("This machine's clock is {Seconds:0.000} s off the database server's; the service keeps time by the database's (check NTP)", offset.Value.TotalSeconds);
            }
        }
        catch (Exception exception)
        {
            // Down, slow or cancelled: the last offset stays (zero before the first reading).
            _logger.LogWarning("Could not read the database server's clock ({Reason}); keeping the offset of {Milliseconds:0.0} ms", exception.Message, clock.Offset.TotalMilliseconds);
        }
    }
}
