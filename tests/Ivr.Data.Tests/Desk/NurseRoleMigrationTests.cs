using Dapper;
using Ivr.Domain.Accounts;
using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests.Desk;

/// <summary>Needs nothing but a temporary folder: migration 0116 lets the database hold nurses, and a call keep an operator's message beside its triage's.</summary>
public sealed class NurseRoleMigrationTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnUpgradedDatabaseTakesNursesNeedingASecondFactorAndKeepsOperatorsAndTheirFactors()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync(through: 115);
        var users = new SqliteUserStore(temp.Database);
        var factors = new SqliteSecondFactorStore(temp.Database, temp.Protector);
        var sam = await users.AddAsync(User("sam", PortalRole.Operator));
        await factors.SetTotpAsync(sam, "JBSWY3DPEHPK3PXP", 1, At);

        var refusedBefore = await Record.ExceptionAsync(() => users.AddAsync(User("too-early", PortalRole.Nurse)));
        await temp.Database.MigrateAsync();
        var garcia = await users.AddAsync(User("garcia", PortalRole.Nurse));

        Assert.NotNull(refusedBefore);
        Assert.Equal(PortalRole.Nurse, (await users.GetAsync(garcia))!.Role);
        Assert.Equal("JBSWY3DPEHPK3PXP", await factors.GetTotpSecretAsync(sam));
        Assert.True((await factors.GetPolicyAsync()).Requires(PortalRole.Nurse));
        Assert.True((await factors.GetPolicyAsync()).Requires(PortalRole.Operator));
        Assert.Equal(
            [("garcia", true), ("sam", false)],
            (await new SqliteOperatorStore(temp.Database).ListAsync()).Select(o => (o.Username, o.IsNurse)));
        await using (var connection = await temp.Database.OpenAsync())
        {
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }

        // A nurse answers for every practice, like an operator.
        await Assert.ThrowsAnyAsync<Exception>(() => users.AddAsync(User("ada", PortalRole.Nurse) with { PracticeId = "riverside" }));
    }

    [Fact]
    public async Task ACallKeepsOneOperatorsMessageAndOneTriageMessageEachSavedOnceAndReadBackMarked()
    {
        using var temp = new TempDatabase();
        await temp.Database.MigrateAsync();
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1764645300.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = At });
        var form = new DeskMessageForm("Maria", "Ava", "2021-03-04", "5559876543", true, "fever", Urgency.Routine, "");
        var typed = DeskMessage.Of(form, callId, "p", null, "sam", At);
        var triage = DeskMessage.Of(form with { Reason = "triage: see today, fever in a child, nurse garcia", Urgency = Urgency.Urgent }, callId, "p", null, "garcia", At.AddMinutes(5));
        triage = triage with { Typed = triage.Typed! with { IsTriage = true } };

        var first = await messages.SaveOnceAsync(ReceivedMessage.Of(typed));
        var triaged = await messages.SaveOnceAsync(ReceivedMessage.Of(triage));
        var typedAgain = await messages.SaveOnceAsync(ReceivedMessage.Of(typed));
        var triagedAgain = await messages.SaveOnceAsync(ReceivedMessage.Of(triage with { Typed = triage.Typed! with { TakenBy = "kim" } }));

        Assert.True(first.Created);
        Assert.True(triaged.Created);
        Assert.NotEqual(first.Id, triaged.Id);
        Assert.Equal((first.Id, false), typedAgain);
        Assert.Equal((triaged.Id, false), triagedAgain);
        Assert.Equal(triage with { Id = triaged.Id }, await messages.GetAsync(triaged.Id));
        Assert.False((await messages.GetAsync(first.Id))!.Typed!.IsTriage);
        Assert.Equal(2, (await messages.ForCallAsync(callId)).Count);
    }

    private static PortalUser User(string name, PortalRole role) => new() { Username = name, PasswordHash = "x", Role = role, CreatedAt = At };
}
