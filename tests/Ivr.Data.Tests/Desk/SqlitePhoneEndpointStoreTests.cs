using Dapper;
using Ivr.Domain.Desk;
using Microsoft.Data.Sqlite;

namespace Ivr.Data.Tests.Desk;

/// <summary>
/// Needs a temporary folder: the operators' endpoints as the PJSIP realtime rows Asterisk reads
/// (sorcery.conf, extconfig.conf, res_config_sqlite3.conf), in a file of their own.
/// </summary>
public sealed class SqlitePhoneEndpointStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ivr-phones-" + Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(_folder, "asterisk", "phones.db");

    [Fact]
    public async Task ProvisioningWritesAWebRtcEndpointItsAddressOfRecordAndItsCredentials()
    {
        var store = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = File });

        await store.ProvisionAsync("op-sam");

        await using var connection = Open();
        var endpoint = await connection.QuerySingleAsync("SELECT * FROM ps_endpoints WHERE id = 'op-sam'");
        Assert.Equal("op-sam", (string)endpoint.aors);
        Assert.Equal("op-sam", (string)endpoint.auth);
        Assert.Equal("ivr-operator-phone", (string)endpoint.context);
        Assert.Equal("all", (string)endpoint.disallow);
        Assert.Equal("opus,ulaw", (string)endpoint.allow);
        Assert.Equal("yes", (string)endpoint.webrtc);
        Assert.Equal("yes", (string)endpoint.dtls_auto_generate_cert);
        Assert.Equal("no", (string)endpoint.direct_media);
        Assert.Equal("127.0.0.1", (string)endpoint.media_address);
        Assert.Equal("yes", (string)endpoint.bind_rtp_to_media_address);
        var aor = await connection.QuerySingleAsync("SELECT * FROM ps_aors WHERE id = 'op-sam'");
        Assert.Equal("1", (string)aor.max_contacts);
        Assert.Equal("yes", (string)aor.remove_existing);
        var auth = await connection.QuerySingleAsync("SELECT * FROM ps_auths WHERE id = 'op-sam'");
        Assert.Equal("userpass", (string)auth.auth_type);
        Assert.Equal("op-sam", (string)auth.username);
        Assert.Equal(OperatorEndpoint.PasswordLength, ((string)auth.password).Length);
        Assert.Equal("delete", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
                System.IO.File.GetUnixFileMode(File));
        }
    }

    [Fact]
    public async Task ProvisioningAgainReplacesThePasswordAndNoMediaAddressLeavesAsteriskToChoose()
    {
        var store = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = File, MediaAddress = string.Empty, Codecs = "ulaw" });
        await store.ProvisionAsync("op-sam");
        var first = await PasswordAsync("op-sam");

        await store.ProvisionAsync("op-sam");

        await using var connection = Open();
        Assert.NotEqual(first, await PasswordAsync("op-sam"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ps_endpoints"));
        Assert.Equal("no", await connection.ExecuteScalarAsync<string>("SELECT bind_rtp_to_media_address FROM ps_endpoints"));
        Assert.Equal("ulaw", await connection.ExecuteScalarAsync<string>("SELECT allow FROM ps_endpoints"));
    }

    [Fact]
    public async Task APasswordIsSetOnlyOnAnEndpointThatExistsAndRemovingDeletesAllThreeRows()
    {
        var store = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = File });
        await store.ProvisionAsync("op-sam");
        await store.ProvisionAsync("op-ada");

        Assert.True(await store.SetPasswordAsync("op-sam", "fresh"));
        Assert.False(await store.SetPasswordAsync("op-lee", "fresh"));
        Assert.Equal("fresh", await PasswordAsync("op-sam"));
        await store.RemoveAsync("op-sam");

        await using var connection = Open();
        Assert.False(await store.ExistsAsync("op-sam"));
        Assert.True(await store.ExistsAsync("op-ada"));
        foreach (var table in new[] { "ps_endpoints", "ps_aors", "ps_auths" })
        {
            Assert.Equal(["op-ada"], await connection.QueryAsync<string>($"SELECT id FROM {table}"));
        }
    }

    [Theory]
    [InlineData("sipp")]
    [InlineData("op-")]
    [InlineData("op-sam@example.org")]
    [InlineData("op-Sam")]
    [InlineData("op-sam;transport=tcp")]
    public async Task NamesTheServiceDoesNotGiveAreNeverWrittenOrRead(string name)
    {
        var store = new SqlitePhoneEndpointStore(new PhoneEndpointOptions { Database = File });

        await Assert.ThrowsAsync<ArgumentException>(() => store.ProvisionAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetPasswordAsync(name, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync(name));
        Assert.False(System.IO.File.Exists(File));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SqliteConnection Open() => new($"Data Source={File};Pooling=False");

    private async Task<string> PasswordAsync(string name)
    {
        await using var connection = Open();
        return await connection.QuerySingleAsync<string>("SELECT password FROM ps_auths WHERE id = @name", new { name });
    }
}
