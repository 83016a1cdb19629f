namespace Ivr.Testing;

/// <summary>
/// The one way tests poll a real system until something holds, failing with what was awaited when it
/// does not in time.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The first non-null value <paramref name="probe"/> gives.</summary>
    public static Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class => ValueAsync(probe, timeout, () => Task.FromResult(what));

    /// <summary>The same, with the failure's description made when it fails (e.g. a call's timeline).</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<Task<string>> what, TimeSpan? poll = null)
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
            catch (Exception exception) when (DateTime.UtcNow < deadline && exception is Microsoft.Data.Sqlite.SqliteException or System.Net.Sockets.SocketException)
            {
                // A service still starting may not have made its database, or opened its port, yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out waiting for {await what()}.");
            }

            await Task.Delay(poll ?? Poll);
        }
    }

    public static Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class => ValueAsync(() => Task.FromResult(probe()), timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        ValueAsync(async () => await condition() ? what : null, timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> what) =>
        ValueAsync(async () => await condition() ? string.Empty : null, timeout, what);
}
