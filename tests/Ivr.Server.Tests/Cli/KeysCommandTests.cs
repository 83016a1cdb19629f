using Ivr.Data;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs a temporary SQLite file: ivr keys status and rotate.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task RotateReEncryptsEveryValueAndRetiresTheOldKeyWhichStatusNoLongerShows()
    {
        await using var service = await new TempService().MigratedAsync();
        var recordings = Directory.CreateDirectory(Path.Combine(service.Directory, "recordings")).FullName;
        await service.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = DateTimeOffset.UtcNow });
        var oldKey = service.Get<PhiProtector>().CurrentKeyId;

        var (_, before) = await service.RunAsync("keys", "status", $"--Recordings:HostDirectory={recordings}");
        var (rotateExit, rotated) = await service.RunAsync("keys", "rotate", "--by", "alice", $"--Recordings:HostDirectory={recordings}");
        var (_, after) = await service.RunAsync("keys", "status", $"--Recordings:HostDirectory={recordings}");

        Assert.Matches($@"{oldKey}\s+current\s+1\s+0", before);
        Assert.Equal(0, rotateExit);
        Assert.Contains($"retired {oldKey}", rotated);
        Assert.DoesNotContain(oldKey, after);
        Assert.Matches(@"\s+current\s+1\s+0", after);
        Assert.Equal("5551234567", (await service.Get<ICallRecordStore>().ListAsync(1)).Single().CallerId);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(10), e => e.Action == "keys.rotate" && e.Actor == $"alice (os user {Environment.UserName})");
    }
}
