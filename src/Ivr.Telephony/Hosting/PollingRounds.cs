using Ivr.Data;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// The loop the database-driven workers share (dispatch, campaigns): a round every interval, the work each round starts
/// kept until it ends; a round that fails is logged and the next one tries again (the database may be busy or briefly
/// gone: nothing is lost, it is all in the database); at stop, the work in flight is let finish. A database that cannot
/// be reached is logged once when the rounds start failing for it and once when it answers again, not every round.
/// </summary>
internal static class PollingRounds
{
    /// <param name="round">One round; returns the work it started.</param>
    /// <param name="interval">The pause between rounds.</param>
    /// <param name="time">The clock the pause is on.</param>
    /// <param name="logger">Where failures go.</param>
    /// <param name="what">The round, in words, for the log ("Dispatch poll").</param>
    /// <param name="whenWorkFails">What a failed piece of work means, for the log.</param>
    /// <param name="stoppingToken">The service stopping.</param>
    /// <param name="wake">Completes when new work arrived (asked before each round, so work that arrives during the
    /// round ends the pause after it at once); null: the pause is the whole interval.</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task<IReadOnlyList<Task>>> round,
        TimeSpan interval,
        TimeProvider time,
        ILogger logger,
        string what,
        string whenWorkFails,
        CancellationToken stoppingToken,
        Func<CancellationToken, Task>? wake = null)
    {
        var running = new List<Task>();
        DateTimeOffset? outageSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = wake?.Invoke(pause.Token);
            var failures = new List<(Exception Exception, bool OfTheRound)>();
            try
            {
                running.AddRange(await round(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Add((exception, true));
            }

            failures.AddRange(running.Where(t => t.IsFaulted).Select(t => ((Exception)t.Exception!, false)));
            var outage = failures.Where(f => DatabaseOutage.IsOutage(f.Exception)).ToList();
            if (outage.Count > 0 && outageSince is null)
            {
                outageSince = time.GetUtcNow();
                logger.LogWarning(outage[0].Exception, "{Round}: the database is unavailable; tried again every {Interval}, logged again when it answers", what, interval);
            }
            else if (outage.Count == 0 && failures.Count == 0 && outageSince is { } since)
            {
                logger.LogWarning("{Round}: the database answers again, after {Seconds:0} s", what, (time.GetUtcNow() - since).TotalSeconds);
                outageSince = null;
            }

            foreach (var (exception, ofTheRound) in failures.Except(outage))
            {
                if (ofTheRound)
                {
                    logger.LogError(exception, "{Round} failed; the next one tries again", what);
                }
                else
                {
                    logger.LogError(exception, "{WhenWorkFails}", whenWorkFails);
                }
            }

            running.RemoveAll(t => t.IsCompleted);
            try
            {
                var delay = Task.Delay(interval, time, pause.Token);
                if (woken is not null)
                {
                    await Task.WhenAny(delay, woken);
                    await pause.CancelAsync();
                    _ = woken.ContinueWith(_ => { }, TaskScheduler.Default);
                }

                await delay.ContinueWith(_ => { }, TaskScheduler.Default);
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
