using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Hosting;

/// <summary>
/// The loop the database-driven workers share (dispatch, campaigns): a round every interval, the work each round starts
/// kept until it ends; a round that fails is logged and the next one tries again (the database may be busy or briefly
/// gone: nothing is lost, it is all in the database); at stop, the work in flight is let finish.
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
        while (!stoppingToken.IsCancellationRequested)
        {
            using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = wake?.Invoke(pause.Token);
            try
            {
                running.AddRange(await round(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Round} failed; the next one tries again", what);
            }

            foreach (var failed in running.Where(t => t.IsFaulted))
            {
                logger.LogError(failed.Exception, "{WhenWorkFails}", whenWorkFails);
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
