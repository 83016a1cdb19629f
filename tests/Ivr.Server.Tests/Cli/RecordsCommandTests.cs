using System.Text.Json;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Server.Tests.Cli;

/// <summary>Needs nothing but a temporary SQLite file: <c>ivr calls</c> and <c>ivr messages</c> read what calls wrote.</summary>
public sealed class RecordsCommandTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task CallsShowPrintsTheTimelineLegsAndMessageAndAuditsTheRead()
    {
        await using var service = await new TempService().MigratedAsync();
        var callId = await SeedCallAsync(service);

        var (exitCode, output) = await service.RunAsync("calls", "show", callId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, exitCode);
        Assert.Contains("riverside-pediatrics", output);
        Assert.Contains("message-taken", output);
        Assert.Contains("coverage: after-hours: holiday: Thanksgiving Day", output);
        Assert.Contains("MainMenu", output);
        Assert.Contains("main-menu", output);
        Assert.Contains("leg 1: dr-1", output);
        Assert.Contains("message 1: Urgent", output);
        var audit = await service.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "calls.show" && e.SubjectId == callId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CallsListAndMessagesListAsJsonAreParseableAndAudited()
    {
        await using var service = await new TempService().MigratedAsync();
        await SeedCallAsync(service);

        var (callsExit, calls) = await service.RunAsync("calls", "list", "--json");
        var (messagesExit, messages) = await service.RunAsync("messages", "list", "--json", "--limit", "5");

        Assert.Equal(0, callsExit);
        Assert.Equal(0, messagesExit);
        Assert.Equal("message-taken", JsonDocument.Parse(calls).RootElement[0].GetProperty("Outcome").GetString());
        var message = JsonDocument.Parse(messages).RootElement[0];
        Assert.Equal("5559876543", message.GetProperty("CallbackNumber").GetString());
        Assert.Equal("urgent", message.GetProperty("Urgency").GetString());
        Assert.Equal("received", message.GetProperty("Status").GetString());
        var audit = await service.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "calls.list");
        Assert.Contains(audit, e => e.Action == "messages.list");
    }

    [Fact]
    public async Task AMessageTypedAtTheDeskShowsWhatTheOperatorTypedInShowListAndJson()
    {
        await using var service = await new TempService().MigratedAsync();
        var callId = await service.Get<ICallRecordStore>().StartAsync(new CallRecord { UniqueId = "1763795400.18", PracticeId = "riverside-pediatrics", DialedNumber = "5551230000", StartedAt = Start });
        var form = new Ivr.Domain.Desk.DeskMessageForm("Maria Gomez", "Ava Gomez", "2021-03-04", "555-987-6543", true, "Fever of 103", Urgency.Urgent, "Gave Tylenol at 8 pm.");
        var (id, _) = await service.Get<IMessageStore>().SaveOnceAsync(ReceivedMessage.Of(Ivr.Domain.Desk.DeskMessage.Of(form, callId, "riverside-pediatrics", null, "sam", Start)));
        var number = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (showExit, show) = await service.RunAsync("messages", "show", number);
        var (_, list) = await service.RunAsync("messages", "list");
        var (_, json) = await service.RunAsync("messages", "list", "--json");
        var (_, call) = await service.RunAsync("calls", "show", callId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, showExit);
        Assert.Contains("callback 5559876543, typed by operator sam", show);
        Assert.Contains("  caller: Maria Gomez", show);
        Assert.Contains("  patient: Ava Gomez, born 2021-03-04", show);
        Assert.Contains("  reason: Fever of 103", show);
        Assert.Contains("  notes: Gave Tylenol at 8 pm.", show);
        Assert.Contains("message typed by operator sam", show);
        Assert.Contains("typed  " + callId, list);
        Assert.Contains("(typed by operator sam)", list);
        Assert.DoesNotContain("Ava Gomez", list);
        var typed = JsonDocument.Parse(json).RootElement[0].GetProperty("Typed");
        Assert.Equal(("Ava Gomez", "2021-03-04", "sam"), (typed.GetProperty("PatientName").GetString(), typed.GetProperty("DateOfBirth").GetString(), typed.GetProperty("TakenBy").GetString()));
        Assert.Contains($"message {id}: Urgent Received, callback 5559876543, typed by operator sam", call);
    }

    [Fact]
    public async Task AnUnknownCallOrABadLimitIsAClearErrorNotACrash()
    {
        await using var service = await new TempService().MigratedAsync();

        var (missingExit, missing) = await service.RunAsync("calls", "show", "42");
        var (limitExit, limit) = await service.RunAsync("calls", "list", "--limit", "lots");
        var (verbExit, verb) = await service.RunAsync("calls", "delete");

        Assert.Equal(1, missingExit);
        Assert.Contains("no call 42", missing);
        Assert.Equal(2, limitExit);
        Assert.Contains("--limit takes a positive whole number", limit);
        Assert.Equal(2, verbExit);
        Assert.Contains("ivr calls: Unrecognized command or argument 'delete'", verb);
    }

    [Fact]
    public async Task FlowPrintsTheDiagramCallsRun()
    {
        await using var service = new TempService();

        var (mermaidExit, mermaid) = await service.RunAsync("flow", "--mermaid");
        var (dotExit, dot) = await service.RunAsync("flow", "--dot");

        Assert.Equal(0, mermaidExit);
        Assert.StartsWith("stateDiagram-v2", mermaid.TrimStart());
        Assert.Contains("MainMenu", mermaid);
        Assert.Equal(0, dotExit);
        Assert.StartsWith("digraph", dot.TrimStart());
    }

    [Fact]
    public async Task CallsShowAsJsonWritesTheMessagesEnumsAsWords()
    {
        await using var service = await new TempService().MigratedAsync();
        var callId = await SeedCallAsync(service);

        var (exitCode, output) = await service.RunAsync("calls", "show", callId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.Equal(0, exitCode);
        var message = JsonDocument.Parse(output).RootElement.GetProperty("messages")[0];
        Assert.Equal("urgent", message.GetProperty("Urgency").GetString());
        Assert.Equal("received", message.GetProperty("Status").GetString());
    }

    private static async Task<long> SeedCallAsync(TempService service)
    {
        var calls = service.Get<ICallRecordStore>();
        var callId = await calls.StartAsync(new CallRecord
        {
            UniqueId = "1763795400.17",
            PracticeId = "riverside-pediatrics",
            DialedNumber = "5551230000",
            CallerId = "5559876543",
            StartedAt = Start,
            CoverageMode = "after-hours",
            RouteReason = "holiday: Thanksgiving Day",
        });
        await calls.MarkAnsweredAsync(callId, Start.AddSeconds(1));
        await calls.AppendEventAsync(callId, new CallEvent(Start.AddSeconds(1), "state", "MainMenu", "entered"));
        await calls.AppendEventAsync(callId, new CallEvent(Start.AddSeconds(9), "decision", "main-menu", "pressed 2: someone now"));
        await calls.AddLegAsync(callId, new BridgeLeg(1, "dr-1", Start.AddSeconds(12), Start.AddSeconds(32), "no-answer", "rang 20 s"));
        await service.Get<IMessageStore>().SaveAsync(new PatientMessage
        {
            CallId = callId,
            PracticeId = "riverside-pediatrics",
            Urgency = Urgency.Urgent,
            CallbackNumber = "5559876543",
            CallerId = "5559876543",
            MessageSeconds = 12.5,
            ReceivedAt = Start.AddSeconds(70),
        });
        await calls.CompleteAsync(callId, Start.AddSeconds(75), "message-taken", "urgent message after the chain was exhausted");
        return callId;
    }
}
