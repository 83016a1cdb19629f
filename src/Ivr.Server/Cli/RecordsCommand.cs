using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ivr.Data;
using Ivr.Domain.Audit;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr calls list|show</c> and <c>ivr messages list</c>. Reads of patient data are audited.</summary>
public static class RecordsCommand
{
    /// <summary><c>ivr calls list|show</c>.</summary>
    public static Command Calls(CliContext context)
    {
        var calls = context.WithExamples(new Command("calls", "Calls: what happened on each and why."), "ivr calls list", "ivr calls show 42");
        calls.Subcommands.Add(List(context, "calls", "Recent calls with their outcome (the read is audited).", "ivr calls list --limit 20", "ivr calls list --json"));
        var show = new Command("show", "One call's timeline: every state, decision and leg, and why (the read is audited).");
        var id = new Argument<long>("ID") { Description = "the call's id (see ivr calls list)" };
        var json = CliOptions.Json();
        show.Arguments.Add(id);
        show.Options.Add(json);
        show.SetAction((parse, ct) => RunAsync(context, "calls", "show", parse.GetValue(id), 50, parse.GetValue(json), ct));
        calls.Subcommands.Add(context.WithExamples(show, "ivr calls show 42", "ivr calls show 42 --json"));
        return calls;
    }

    /// <summary><c>ivr calls list</c> or <c>ivr messages list</c>.</summary>
    public static Command List(CliContext context, string noun, string description, params string[] examples)
    {
        var list = new Command("list", description);
        var json = CliOptions.Json();
        var limit = CliOptions.Number("--limit", "how many, newest first", 50, 1);
        list.Options.Add(json);
        list.Options.Add(limit);
        list.SetAction((parse, ct) => RunAsync(context, noun, "list", 0, parse.GetValue(limit), parse.GetValue(json), ct));
        return context.WithExamples(list, examples);
    }

    private static async Task<int> RunAsync(CliContext context, string noun, string verb, long id, int limit, bool json, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var error = context.Error;
        using var host = await context.OpenAsync(cancellationToken);
        var calls = host.Services.GetRequiredService<ICallRecordStore>();
        var messages = host.Services.GetRequiredService<IMessageStore>();
        var audit = host.Services.GetRequiredService<IAuditLog>();
        var actor = CliHost.Reader;

        switch ((noun, verb))
        {
            case ("calls", "list"):
                var list = await calls.ListAsync(limit);
                await audit.RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, "calls.list", "call", "*", $"{list.Count} call(s)"));
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(list, IvrJson.Indented));
                }
                else
                {
                    output.WriteLine($"{"ID",5}  {"STARTED (UTC)",-20} {"PRACTICE",-22} {"CALLER",-14} {"SECS",5}  OUTCOME");
                    foreach (var call in list)
                    {
                        output.WriteLine($"{call.Id,5}  {call.StartedAt:yyyy-MM-dd HH:mm:ss}  {call.PracticeId,-22} {call.CallerId ?? "-",-14} {call.BillableSeconds,5}  {call.Outcome ?? "(in progress)"}: {call.OutcomeDetail}");
                    }
                }

                return 0;
            case ("calls", "show"):
                var record = await calls.GetAsync(id);
                if (record is null)
                {
                    error.WriteLine($"ivr calls show: no call {id}.");
                    return 1;
                }

                await audit.RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, "calls.show", "call", id.ToString(CultureInfo.InvariantCulture), "timeline viewed"));
                var events = await calls.EventsAsync(id);
                var legs = await calls.LegsAsync(id);
                var callMessages = await messages.ForCallAsync(id);
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(new { call = record, events, legs, messages = callMessages }, IvrJson.Indented));
                    return 0;
                }

                output.WriteLine($"Call {record.Id} ({record.UniqueId}) to {record.DialedNumber} for {record.PracticeId}, from {record.CallerId ?? "unknown"}");
                output.WriteLine($"  started {record.StartedAt:u}, answered {record.AnsweredAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}, ended {record.EndedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}, billable {record.BillableSeconds} s");
                output.WriteLine($"  coverage: {record.CoverageMode ?? "-"}: {record.RouteReason ?? "-"}");
                output.WriteLine($"  outcome: {record.Outcome ?? "(in progress)"} — {record.OutcomeDetail}");
                output.WriteLine("Timeline:");
                foreach (var e in events)
                {
                    output.WriteLine($"  {e.At:HH:mm:ss}  {e.Kind,-8} {e.Name,-22} {e.Detail}");
                }

                foreach (var leg in legs)
                {
                    output.WriteLine($"  leg {leg.Attempt}: {leg.ClinicianId} {leg.StartedAt:HH:mm:ss}-{leg.EndedAt:HH:mm:ss} {leg.Result} ({leg.Detail})");
                }

                foreach (var m in callMessages)
                {
                    output.WriteLine($"  message {m.Id}: {m.Urgency} {m.Status}, callback {m.CallbackNumber ?? "-"}, {(m.Typed is { } typed ? $"typed by operator {typed.TakenBy}" : m.Summary is { } summary ? $"summary of the patched call for {summary.ClinicianId}" : $"{m.MessageSeconds:0.0} s")}{(m.Partial ? ", partial" : string.Empty)}");
                }

                return 0;
            case ("messages", "list"):
                var all = await messages.ListAsync(limit);
                await audit.RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, actor, "messages.list", "message", "*", $"{all.Count} message(s)"));
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(all, IvrJson.Indented));
                }
                else
                {
                    output.WriteLine($"{"ID",5}  {"RECEIVED (UTC)",-20} {"URGENCY",-8} {"STATUS",-12} {"CALLBACK",-14} {"SECS",5}  CALL");
                    foreach (var m in all)
                    {
                        var seconds = m.Typed is not null ? "typed" : m.Summary is not null ? "-" : m.MessageSeconds.ToString("0", CultureInfo.InvariantCulture);
                        output.WriteLine($"{m.Id,5}  {m.ReceivedAt:yyyy-MM-dd HH:mm:ss}  {m.Urgency,-8} {m.Status,-12} {m.CallbackNumber ?? "-",-14} {seconds,5}  {m.CallId}{(m.Partial ? " (partial)" : string.Empty)}{(m.Typed is { } typed ? $" (typed by operator {typed.TakenBy})" : string.Empty)}{(m.Summary is { } summary ? $" (summary for {summary.ClinicianId})" : string.Empty)}");
                    }
                }

                return 0;
            default:
                throw new CommandLineException($"unknown command 'ivr {noun} {verb}'.");
        }
    }
}
