using System.Data.Common;

namespace Ivr.Data;

/// <summary>
/// Tells a database that cannot be reached (down, restarting, its connections cut, or busy for the moment) from a
/// piece of work that is wrong. Work that failed for the first reason waits and is tried again as long as it takes;
/// only work that fails for the second is given up on.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, is the database being unavailable: what the provider calls
    /// transient (Npgsql: a refused or broken connection, a timeout; SQLite: busy or locked), or a PostgreSQL
    /// connection exception (SQLSTATE class 08) or shutdown (57P01 to 57P03).
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException database && (database.IsTransient || database.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal))))
            {
                return true;
            }

            // Microsoft.Data.Sqlite does not call its busy and locked errors transient: SQLITE_BUSY (5), SQLITE_LOCKED (6).
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }

        return false;
    }
}
