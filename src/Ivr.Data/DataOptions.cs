namespace Ivr.Data;

/// <summary>Where the database and the encryption key live.</summary>
public sealed class DataOptions
{
    /// <summary>
    /// Which database: <see cref="DataProvider.Sqlite"/> (default) or <see cref="DataProvider.Postgres"/> for several
    /// servers sharing one (<c>Data__Provider=postgres</c>; see docs/postgres.md).
    /// </summary>
    public DataProvider Provider { get; set; } = DataProvider.Sqlite;

    /// <summary>
    /// The connection string of <see cref="Provider"/>'s database. Default <c>Data Source=data/ivr.db</c> (SQLite; the
    /// folder is created when missing). For PostgreSQL an Npgsql one, e.g. <c>Host=db1;Database=ivr;Username=ivr;Password=...</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/ivr.db";

    /// <summary>File holding the key that encrypts patient data. Default <c>data/keys/phi.key</c>; created (mode 0600) on first run.</summary>
    public string KeyFile { get; set; } = "data/keys/phi.key";

    /// <summary>The key itself, base64 of 32 bytes (e.g. from <c>Data__Key</c>); overrides <see cref="KeyFile"/>. Default none.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// File holding the key of the audit log's hash chain (HMAC-SHA256), apart from the patient-data key so
    /// either can be rotated alone. Default <c>audit.key</c> beside <see cref="KeyFile"/>; created (mode 0600) on first run.
    /// </summary>
    public string? AuditKeyFile { get; set; }

    /// <summary>The audit chain's key itself, base64 of 32 bytes (e.g. from <c>Data__AuditKey</c>); overrides <see cref="AuditKeyFile"/>. Default none.</summary>
    public string? AuditKey { get; set; }
}
