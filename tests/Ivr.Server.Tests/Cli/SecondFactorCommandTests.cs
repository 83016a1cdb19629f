using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr user second-factor</c> sets which roles need a second factor, and resets a user's factors.</summary>
public sealed class SecondFactorCommandTests
{
    [Fact]
    public async Task ANewDatabaseRequiresItOfEveryRoleThatSeesPatientDataAndTheCommandChangesOneRole()
    {
        await using var service = await new TempService().MigratedAsync();

        var (showExit, shown) = await service.RunAsync("user", "second-factor");
        var (requireExit, _) = await service.RunAsync("user", "second-factor", "require", "telecom-admin", "--by", "sam");
        var (optionalExit, after) = await service.RunAsync("user", "second-factor", "optional", "clinician");
        var (badExit, bad) = await service.RunAsync("user", "second-factor", "require", "boss");

        Assert.Equal(0, showExit);
        Assert.Contains("clinician       second factor required", shown);
        Assert.Contains("telecom-admin   second factor optional", shown);
        Assert.Equal(0, requireExit);
        Assert.Equal(0, optionalExit);
        Assert.Contains("telecom-admin   second factor required", after);
        Assert.Contains("clinician       second factor optional", after);
        Assert.Equal(2, badExit);
        Assert.Contains("ROLE is one of", bad);
        var policy = await service.Get<ISecondFactorStore>().GetPolicyAsync();
        Assert.True(policy.Requires(PortalRole.TelecomAdmin));
        Assert.False(policy.Requires(PortalRole.Clinician));
        Assert.True(policy.Requires(PortalRole.Supervisor));
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "second-factor.policy" && e.SubjectId == "telecom-admin" && e.Actor == $"sam (os user {Environment.UserName})");
    }

    [Fact]
    public async Task ResetForgetsEveryFactorAndRecoveryCodeOfTheUser()
    {
        await using var service = await new TempService().MigratedAsync();
        var id = await service.Get<IUserStore>().AddAsync(new PortalUser { Username = "sam", PasswordHash = "x", Role = PortalRole.Supervisor, CreatedAt = DateTimeOffset.UnixEpoch });
        var store = service.Get<ISecondFactorStore>();
        await store.SetTotpAsync(id, "JBSWY3DPEHPK3PXP", 0, DateTimeOffset.UnixEpoch);
        await store.ReplaceRecoveryCodesAsync(id, [RecoveryCodes.Hash("AAAA-BBBB-CCCC-DDDD")], DateTimeOffset.UnixEpoch);

        var (exit, output) = await service.RunAsync("user", "second-factor", "reset", "sam");

        Assert.Equal(0, exit);
        Assert.Contains("sam: second factors removed", output);
        Assert.False(await store.HasFactorAsync(id));
        Assert.Equal(0, await store.UnusedRecoveryCodesAsync(id));
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "second-factor.reset" && e.SubjectId == "sam");
    }
}
