using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing: the failures each provider throws, told apart into "the database is away" and "this work is wrong".</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public void ARefusedConnectionAServerShuttingDownAndABusyFileAreAnOutage()
    {
        Assert.True(DatabaseOutage.IsOutage(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(DatabaseOutage.IsOutage(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseOutage.IsOutage(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(DatabaseOutage.IsOutage(new SqliteException("database is locked", 5)));
        // Wrapped, as a store or a worker may pass it on.
        Assert.True(DatabaseOutage.IsOutage(new InvalidOperationException("saving failed", new NpgsqlException("Exception while reading from stream", new IOException("reset")))));
    }

    [Fact]
    public void AUniqueViolationABadQueryOrABugIsNotAnOutage()
    {
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseOutage.IsOutage(new PostgresException("column \"x\" does not exist", "ERROR", "ERROR", "42703")));
        Assert.False(DatabaseOutage.IsOutage(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.False(DatabaseOutage.IsOutage(new InvalidOperationException("a bug")));
        Assert.False(DatabaseOutage.IsOutage(new FormatException("a bad note")));
    }
}
