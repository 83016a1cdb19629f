using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Server.Practices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr messages show|ack|resolve ID</c>: one message's history and every dispatch attempt, and
/// the two steps a clinician takes. Acknowledging stops its escalation at once.
/// </summary>
public static class MessageCommand
{
    public static async Task<int> RunAsync(string verb, CliArguments arguments, TextWriter output, TextWriter error)
    {
        if (!long.TryParse(arguments.Positional.ElementAtOrDefault(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new CommandLineException($"usage: ivr messages {verb} ID" + (verb == "show" ? string.Empty : " --by CLINICIAN"));
        }

        using var host = await CliHost.OpenAsync(arguments);
        var messages = host.Services.GetRequiredService<IMessageStore>();
        var dispatch = host.Services.GetRequiredService<IDispatchStore>();
        var message = await messages.GetAsync(id);
        if (message is null)
        {
            error.WriteLine($"ivr messages {verb}: no message {id}.");
            return 1;
        }

        if (verb == "show")
        {
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, CliHost.Actor(arguments), "messages.show", "message", id.ToString(CultureInfo.InvariantCulture), "history viewed"));
            output.WriteLine($"Message {message.Id} for {message.PracticeId} (call {message.CallId}): {message.Urgency}, {message.Status}, callback {message.CallbackNumber ?? "-"}, {message.MessageSeconds:0.0} s{(message.Partial ? ", partial" : string.Empty)}");
            output.WriteLine("History:");
            foreach (var entry in await dispatch.HistoryAsync(id))
            {
                output.WriteLine($"  {entry.At:yyyy-MM-dd HH:mm:ss}  {entry.Status,-12} {entry.Actor,-16} {entry.Detail}");
            }

            output.WriteLine("Attempts:");
            foreach (var attempt in await dispatch.AttemptsAsync(id))
            {
                output.WriteLine($"  step {attempt.Step,2}  {attempt.StartedAt:HH:mm:ss}-{attempt.EndedAt?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "…",-8} {attempt.Channel,-8} {attempt.Recipient,-16} {(attempt.Outcome.Length > 0 ? attempt.Outcome : "(in progress)")}: {attempt.Detail}");
            }

            return 0;
        }

        var by = arguments.Required("--by");
        var practice = await host.Services.GetRequiredService<IPracticeStore>().GetAsync(message.PracticeId);
        var supervisor = host.Services.GetRequiredService<IOptions<PracticesOptions>>().Value.Supervisor.ClinicianId;
        if (by != supervisor && practice?.Clinician(by) is null)
        {
            throw new CommandLineException($"'{by}' is not a clinician of {message.PracticeId} nor the supervisor ({supervisor}).");
        }

        var (status, detail) = verb switch
        {
            "ack" => (MessageStatus.Acknowledged, arguments.Option("--note") ?? "acknowledged from the command line"),
            "resolve" => (MessageStatus.Resolved, arguments.Option("--note") ?? "patient contacted (command line)"),
            _ => throw new CommandLineException($"unknown command 'ivr messages {verb}'."),
        };
        if (!await dispatch.AdvanceAsync(id, status, by, detail, DateTimeOffset.UtcNow))
        {
            error.WriteLine($"ivr messages {verb}: message {id} is {message.Status} already.");
            return 1;
        }

        output.WriteLine(status == MessageStatus.Acknowledged
            ? $"Message {id} acknowledged by {by}. Escalation stopped."
            : $"Message {id} resolved by {by}.");
        return 0;
    }
}
