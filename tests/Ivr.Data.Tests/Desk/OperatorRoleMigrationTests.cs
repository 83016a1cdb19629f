using Dapper;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;

namespace Ivr.Data.Tests.Desk;

/// <summary>Needs nothing but a temporary folder: migration 0111 lets the database hold operators without losing anything an account had.</summary>
public sealed class OperatorRoleMigrationTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnUpgradedDatabaseTakesOperatorsAndKeepsEveryAccountsSecondFactorAndSessions()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync(through: 110);
        var users = new SqliteUserStore(temp.Database);
        var factors = new SqliteSecondFactorStore(temp.Database, temp.Protector);
        var lee = await users.AddAsync(new PortalUser { Username = "lee", PasswordHash = "x", Role = PortalRole.Clinician, PracticeId = "riverside", ClinicianId = "dr-lee", CreatedAt = At });
        await factors.SetTotpAsync(lee, "JBSWY3DPEHPK3PXP", 1, At);
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO sessions (user_id, token_hash, role, created_at, last_seen_at, expires_at) VALUES (@lee, 'h', 'clinician', @at, @at, @at)", new { lee, at = At.ToString("O") });
        }

        var refusedBefore = await Record.ExceptionAsync(() => users.AddAsync(Operator("too-early")));
        await temp.Database.MigrateAsync();
        var sam = await users.AddAsync(Operator("sam"));

        Assert.NotNull(refusedBefore);
        Assert.Equal(PortalRole.Operator, (await users.GetAsync(sam))!.Role);
        Assert.Equal("JBSWY3DPEHPK3PXP", await factors.GetTotpSecretAsync(lee));
        Assert.True((await factors.GetPolicyAsync()).Requires(PortalRole.Operator));
        await using (var connection = await temp.Database.OpenAsync())
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sessions WHERE user_id = @lee", new { lee }));
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }

        // The rest of the role rules still hold: an operator belongs to no practice.
        await Assert.ThrowsAnyAsync<Exception>(() => users.AddAsync(Operator("ada") with { PracticeId = "riverside" }));
    }

    [Fact]
    public async Task AnOperatorsPhoneIsKeptChangedAndListedWithTheAccount()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync();
        var users = new SqliteUserStore(temp.Database);
        var store = new SqliteOperatorStore(temp.Database);
        var sam = await users.AddAsync(Operator("sam"));
        var ada = await users.AddAsync(Operator("ada"));
        await users.AddAsync(new PortalUser { Username = "tom", PasswordHash = "x", Role = PortalRole.TelecomAdmin, CreatedAt = At });

        await store.SetPhoneAsync(sam, "PJSIP/sipp/sip:sam@127.0.0.1:5090", At);
        await store.SetPhoneAsync(sam, "PJSIP/sipp/sip:sam@127.0.0.1:5091", At.AddMinutes(1));
        await users.SetDisabledAsync(ada, At);

        Assert.Equal(
            [new OperatorAccount(ada, "ada", true, null), new OperatorAccount(sam, "sam", false, "PJSIP/sipp/sip:sam@127.0.0.1:5091")],
            await store.ListAsync());
        await store.SetPhoneAsync(sam, null, At);
        Assert.Null((await store.ListAsync()).Single(o => o.Username == "sam").Phone);
    }

    private static PortalUser Operator(string name) => new() { Username = name, PasswordHash = "x", Role = PortalRole.Operator, CreatedAt = At };
}
