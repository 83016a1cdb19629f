namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Polls a real system until something holds, failing with what was awaited when it does not in time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The first non-null value <paramref name="probe"/> gives.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException) when (DateTime.UtcNow < deadline)
            {
                // A service still starting may not have made its database yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(Poll);
        }
    }

    public static Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class => ValueAsync(() => Task.FromResult(probe()), timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        ValueAsync(async () => await condition() ? what : null, timeout, what);
}
