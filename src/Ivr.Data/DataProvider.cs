namespace Ivr.Data;

/// <summary>Which database holds the service's records (<c>Data:Provider</c>).</summary>
public enum DataProvider
{
    /// <summary>One SQLite file beside the service: one machine, nothing to run.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database several service processes (on several machines) share.</summary>
    Postgres,
}
