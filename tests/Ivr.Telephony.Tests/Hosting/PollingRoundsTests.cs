using Ivr.Telephony.Hosting;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ivr.Telephony.Tests.Hosting;

/// <summary>Needs nothing: the workers' loop on a fake clock, its rounds failing as a database that is down makes them fail.</summary>
public sealed class PollingRoundsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ADatabaseOutageIsLoggedOnceWhenItBeginsAndOnceWhenTheDatabaseAnswersWhileEveryRoundIsTriedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logger = new ListLogger<PollingRoundsTests>();
        using var stopping = new CancellationTokenSource();
        var rounds = 0;
        using var begun = new SemaphoreSlim(0);
        var loop = PollingRounds.RunAsync(
            _ =>
            {
                rounds++;
                begun.Release();
                // Rounds 1 to 30: the server refuses connections; its failed work fails the same way on round 10.
                if (rounds <= 30)
                {
                    return rounds == 10
                        ? Task.FromResult<IReadOnlyList<Task>>([Task.FromException(Refused())])
                        : Task.FromException<IReadOnlyList<Task>>(Refused());
                }

                return Task.FromResult<IReadOnlyList<Task>>([]);
            },
            Interval,
            time,
            logger,
            "Dispatch poll",
            "A dispatch step failed",
            stopping.Token);

        for (var round = 0; round < 40; round++)
        {
            await NextRoundAsync(begun, time);
        }

        await stopping.CancelAsync();
        await loop;

        Assert.True(rounds >= 40, $"only {rounds} rounds ran: the loop stopped trying");
        Assert.DoesNotContain(logger.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        var warnings = logger.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Warning: Dispatch poll: the database is unavailable", warnings[0], StringComparison.Ordinal);
        // The outage as the loop's clock saw it: at least the 30 failed rounds' intervals (the test moves the clock in steps).
        var back = System.Text.RegularExpressions.Regex.Match(warnings[1], @"^Warning: Dispatch poll: the database answers again, after (\d+) s \|");
        Assert.True(back.Success && int.Parse(back.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 29, warnings[1]);
    }

    [Fact]
    public async Task AFailureThatIsNotTheDatabaseIsLoggedEveryRound()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logger = new ListLogger<PollingRoundsTests>();
        using var stopping = new CancellationTokenSource();
        var rounds = 0;
        using var begun = new SemaphoreSlim(0);
        var loop = PollingRounds.RunAsync(
            _ =>
            {
                rounds++;
                begun.Release();
                return Task.FromException<IReadOnlyList<Task>>(new InvalidOperationException("a bug"));
            },
            Interval,
            time,
            logger,
            "Dispatch poll",
            "A dispatch step failed",
            stopping.Token);

        for (var round = 0; round < 4; round++)
        {
            await NextRoundAsync(begun, time);
        }

        await stopping.CancelAsync();
        await loop;

        Assert.Equal(rounds, logger.Lines.Count(l => l.StartsWith("Error: Dispatch poll failed; the next one tries again", StringComparison.Ordinal)));
    }

    /// <summary>What Npgsql throws when the server is down: a refused connection.</summary>
    private static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    /// <summary>Moves the fake clock on in small steps until the loop begins its next round.</summary>
    private static async Task NextRoundAsync(SemaphoreSlim begun, FakeTimeProvider time)
    {
        for (var step = 0; !await begun.WaitAsync(0); step++)
        {
            Assert.True(step < 100_000, "the loop stopped beginning rounds");
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }
    }
}
