using Dapper;
using Ivr.Domain.Desk;
using Microsoft.Data.Sqlite;

namespace Ivr.Data;

/// <summary>
/// The operators' softphone endpoints as PJSIP realtime rows (<c>ps_endpoints</c>, <c>ps_aors</c>,
/// <c>ps_auths</c>) in a SQLite file of their own, apart from the service's database: Asterisk reads
/// it (sorcery.conf, extconfig.conf, res_config_sqlite3.conf in dialplan/) and must see nothing else.
/// The file is made mode 0660, for this process's user and the asterisk group (its folder passes the
/// group on), and keeps SQLite's rollback journal, so Asterisk only ever reads it.
/// </summary>
public sealed class SqlitePhoneEndpointStore : IPhoneEndpointStore
{
    /// <summary>The tables (<c>Phones/phones.sql</c>, which scripts/asterisk runs too).</summary>
    private static readonly Lazy<string> Schema = new(() =>
    {
        using var stream = typeof(SqlitePhoneEndpointStore).Assembly.GetManifestResourceStream("Ivr.Data.Phones.phones.sql")
            ?? throw new InvalidOperationException("phones.sql is not built in.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private readonly PhoneEndpointOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _ready;

    public SqlitePhoneEndpointStore(PhoneEndpointOptions options)
    {
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.Database), Pooling = false }.ToString();
    }

    public async Task ProvisionAsync(string name, CancellationToken cancellationToken = default)
    {
        Check(name);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = new
        {
            id = name,
            context = _options.Context,
            allow = _options.Codecs,
            password = OperatorEndpoint.NewPassword(),
            media = _options.MediaAddress,
            bind = _options.MediaAddress.Length > 0 ? "yes" : "no",
        };

        // The browser's softphone: WebRTC (ICE, DTLS-SRTP with a certificate Asterisk makes, AVPF,
        // RTCP mux), media always through Asterisk (on MediaAddress, its one ICE candidate, when set), one registration that a new one replaces (a page
        // reloaded after a drop), and a call whose browser vanished hung up after two silent minutes.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT OR REPLACE INTO ps_endpoints (id, aors, auth, context, disallow, allow, webrtc, dtls_auto_generate_cert, direct_media, rtp_timeout, allow_subscribe, media_address, bind_rtp_to_media_address)
                VALUES (@id, @id, @id, @context, 'all', @allow, 'yes', 'yes', 'no', '120', 'no', @media, @bind);
            INSERT OR REPLACE INTO ps_aors (id, max_contacts, remove_existing, qualify_frequency) VALUES (@id, '1', 'yes', '0');
            INSERT OR REPLACE INTO ps_auths (id, auth_type, username, password) VALUES (@id, 'userpass', @id, @password);
            """,
            row,
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        Check(name);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ps_auths SET password = @password WHERE id = @name",
            new { name, password },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        Check(name);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM ps_endpoints WHERE id = @name",
            new { name },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        Check(name);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ps_endpoints WHERE id = @name; DELETE FROM ps_aors WHERE id = @name; DELETE FROM ps_auths WHERE id = @name;",
            new { name },
            cancellationToken: cancellationToken));
    }

    /// <summary>Only names the service gives (<c>op-</c> and a safe username) are written or looked up.</summary>
    private static void Check(string name)
    {
        if (!name.StartsWith(OperatorEndpoint.Prefix, StringComparison.Ordinal) || OperatorEndpoint.Problem(name[OperatorEndpoint.Prefix.Length..]) is not null)
        {
            throw new ArgumentException($"'{name}' is not an operator's endpoint name.", nameof(name));
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await CreateFileAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout=" + (int)SqliteDatabase.BusyTimeout.TotalMilliseconds + ";", cancellationToken: cancellationToken));
        return connection;
    }

    /// <summary>The file (0660) and its tables, once per process.</summary>
    private async Task CreateFileAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
            {
                return;
            }

            var file = Path.GetFullPath(_options.Database);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file) && !OperatingSystem.IsWindows())
            {
                // Made here before SQLite opens it: never readable by others, even for a moment. The
                // umask may take the group's write away, which Asterisk needs for SQLite's locks.
                const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
                using (new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
                {
                }

                File.SetUnixFileMode(file, mode);
            }

            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=DELETE; " + Schema.Value, cancellationToken: cancellationToken));
            _ready = true;
        }
        finally
        {
            _created.Release();
        }
    }
}
