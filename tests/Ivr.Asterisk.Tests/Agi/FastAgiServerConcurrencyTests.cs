using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: many fake Asterisk sessions at once against one server.</summary>
public sealed class FastAgiServerConcurrencyTests
{
    [Fact]
    public async Task ServerHoldsOneThousandConcurrentSessionsAndAnswersEach()
    {
        const int Sessions = 1000;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        await using var fixture = AgiServerFixture.Start(async (channel, ct) =>
        {
            if (Interlocked.Increment(ref inside) == Sessions)
            {
                allIn.SetResult();
            }

            // Every session is held open until all of them are in at once.
            await allIn.Task.WaitAsync(ct);
            await channel.SetVariableAsync("IVR_COMPLETED", "1", ct);
        });

        var calls = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => FakeAgiCall.ConnectAsync(fixture.EndPoint, uniqueId: $"1700000000.{i}")));
        try
        {
            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(Sessions, fixture.Server.ActiveSessions);
            await Task.WhenAll(calls.Select(c => c.ExpectAsync("SET VARIABLE IVR_COMPLETED 1", "200 result=1\n")));
            var closed = await Task.WhenAll(calls.Select(c => c.WaitForCloseAsync(TimeSpan.FromSeconds(30))));
            Assert.All(closed, Assert.True);
            await AgiChannelWithFakeAsteriskTests.WaitUntilAsync(() => fixture.Server.ActiveSessions == 0, TimeSpan.FromSeconds(30));
        }
        finally
        {
            foreach (var call in calls)
            {
                await call.DisposeAsync();
            }
        }
    }
}
