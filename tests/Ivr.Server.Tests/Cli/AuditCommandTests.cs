using System.Text.Json;
using Dapper;
using Ivr.Data;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr audit verify|export</c>, and who a command-line read is audited as.</summary>
public sealed class AuditCommandTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task VerifyPassesOnAnUntouchedChainAndNamesAnEditedRowWithExitCodeOne()
    {
        await using var service = await new TempService().MigratedAsync();
        await SeedAuditAsync(service);

        var (intactExit, intact) = await service.RunAsync("audit", "verify");
        await using (var connection = await service.Get<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE audit_log SET subject_id = '99' WHERE id = 2");
        }

        var (brokenExit, broken) = await service.RunAsync("audit", "verify");

        Assert.Equal(0, intactExit);
        Assert.Contains("The audit chain holds: 4 row(s).", intact);
        Assert.Equal(1, brokenExit);
        Assert.Contains("row 2 changed", broken);
    }

    [Fact]
    public async Task VerifyNamesADeletedRow()
    {
        await using var service = await new TempService().MigratedAsync();
        await SeedAuditAsync(service);
        await using (var connection = await service.Get<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM audit_log WHERE id = 3");
        }

        var (exitCode, output) = await service.RunAsync("audit", "verify");

        Assert.Equal(1, exitCode);
        Assert.Contains("row 3 missing between 2 and 4", output);
    }

    [Fact]
    public async Task ExportPrintsOnlyTheRowsOfTheRangeWithTheirChainValues()
    {
        await using var service = await new TempService().MigratedAsync();
        await SeedAuditAsync(service);

        var (jsonExit, json) = await service.RunAsync("audit", "export", "--from", "2026-11-22T08:00Z", "--until", "2026-11-22T10:00Z", "--format", "json");
        var (csvExit, csv) = await service.RunAsync("audit", "export", "--from", "2026-11-22", "--until", "2026-11-22T09:00Z");

        Assert.Equal(0, jsonExit);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToArray();
        Assert.Equal(new long[] { 2, 3 }, rows.Select(r => r.GetProperty("Id").GetInt64()));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.GetProperty("Chain").GetString()));
        Assert.Equal(0, csvExit);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id,at,actor,action,subject_type,subject_id,detail,session,address,chain", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1,2026-11-22T07:10:00.0000000+00:00,portal:jane,message.view,message,7,", lines[1]);
        Assert.StartsWith("2,", lines[2]);
        Assert.Contains(await service.Get<IAuditLog>().ListAsync(5), e => e.Action == "audit.export" && e.Actor == $"cli:{Environment.UserName}");
    }

    [Fact]
    public async Task ExportEscapesWhatASpreadsheetWouldRunAsAFormula()
    {
        await using var service = await new TempService().MigratedAsync();
        await service.Get<IAuditLog>().RecordAsync(new AuditEntry(Start, "portal:=HYPERLINK(\"x\")", "signin.failed", "user", "=1+1", "unknown user"));

        var (_, csv) = await service.RunAsync("audit", "export", "--from", "2026-11-22", "--until", "2026-11-23");

        Assert.Contains("1+1", csv);
        Assert.DoesNotContain(",=1+1,", csv);
    }

    [Fact]
    public async Task ACommandLineReadIsAuditedAsTheOperatingSystemUserEvenWithBy()
    {
        await using var service = await new TempService().MigratedAsync();
        var messageId = await SeedMessageAsync(service);
        var id = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (showExit, _) = await service.RunAsync("messages", "show", id, "--by", "dr-lee");
        var (ackExit, ackOutput) = await service.RunAsync("messages", "ack", id, "--by", "supervisor");

        Assert.Equal(0, showExit);
        Assert.Equal(0, ackExit);
        var audit = await service.Get<IAuditLog>().ListAsync(10);
        var read = Assert.Single(audit, e => e.Action == "messages.show");
        Assert.Equal($"cli:{Environment.UserName}", read.Actor);
        Assert.Contains("dr-lee", read.Detail);
        Assert.Equal("local", read.Address);
        var ack = Assert.Single(audit, e => e.Action == "messages.ack");
        Assert.Equal($"supervisor (os user {Environment.UserName})", ack.Actor);
        Assert.Contains("acknowledged by supervisor", ackOutput);
    }

    [Fact]
    public async Task ResolveKeepsItsNoteEncryptedAndShowPrintsItBack()
    {
        await using var service = await new TempService().MigratedAsync();
        var messageId = await SeedMessageAsync(service);
        var id = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Note = "spoke with the father, fever down";

        var (longExit, longOutput) = await service.RunAsync("messages", "resolve", id, "--by", "supervisor", "--note", new string('x', Ivr.Domain.Messages.MessageLifecycle.MaxNoteLength + 1));
        var (resolveExit, _) = await service.RunAsync("messages", "resolve", id, "--by", "supervisor", "--note", Note);
        var (_, shown) = await service.RunAsync("messages", "show", id);
        var history = await service.Get<Ivr.Domain.Dispatch.IDispatchStore>().HistoryAsync(messageId);

        Assert.Equal(2, longExit);
        Assert.Contains("--note is at most", longOutput);
        Assert.Equal(0, resolveExit);
        Assert.Contains($"note: {Note}", shown);
        Assert.Equal(Note, history[^1].Note);
        Assert.Equal("patient contacted (command line)", history[^1].Detail);
    }

    [Fact]
    public async Task ABadTimeOrFormatIsAClearError()
    {
        await using var service = await new TempService().MigratedAsync();

        var (timeExit, time) = await service.RunAsync("audit", "export", "--from", "yesterday", "--until", "2026-11-23");
        var (formatExit, format) = await service.RunAsync("audit", "export", "--from", "2026-11-22", "--until", "2026-11-23", "--format", "xml");

        Assert.Equal(2, timeExit);
        Assert.Contains("--from takes a time", time);
        Assert.Equal(2, formatExit);
        Assert.Contains("--format takes csv or json", format);
    }

    private static async Task SeedAuditAsync(TempService service)
    {
        var log = service.Get<IAuditLog>();
        for (var i = 0; i < 4; i++)
        {
            await log.RecordAsync(new AuditEntry(Start.AddHours(i), "portal:jane", "message.view", "message", (7 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "riverside-pediatrics, Urgent, Received"));
        }
    }

    private static async Task<long> SeedMessageAsync(TempService service)
    {
        var calls = service.Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord
        {
            UniqueId = "1763795400.18",
            PracticeId = "riverside-pediatrics",
            DialedNumber = "5551230000",
            CallerId = "5559876543",
            StartedAt = Start,
            CoverageMode = "after-hours",
            RouteReason = "closed",
        });
        return await service.Get<IMessageStore>().SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = "riverside-pediatrics",
            Urgency = Urgency.Urgent,
            CallbackNumber = "5559876543",
            CallerId = "5559876543",
            MessageSeconds = 12.5,
            ReceivedAt = Start.AddSeconds(70),
        });
    }
}
