using System.CommandLine;
using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr messages show|ack|resolve ID</c>: one message's history and every dispatch attempt, and
/// the two steps a clinician takes. Acknowledging stops its escalation at once.
/// </summary>
public static class MessageCommand
{
    public static Command Create(CliContext context)
    {
        var messages = context.WithExamples(
            new Command("messages", "Patient messages: read them (audited), acknowledge, resolve."),
            "ivr messages list", "ivr messages show 7", "ivr messages ack 7 --by dr-lee");
        messages.Subcommands.Add(RecordsCommand.List(context, "messages", "Recent messages (reading them is audited).", "ivr messages list --limit 5", "ivr messages list --json"));

        var show = new Command("show", "A message's history (received → … → resolved) and every page, email and webhook sent for it.");
        var showId = Id();
        var showBy = CliOptions.By("not trusted for a read: the read is audited as the operating-system user, with this name beside it");
        show.Arguments.Add(showId);
        show.Options.Add(showBy);
        show.SetAction((parse, ct) => RunAsync(context, "show", parse.GetValue(showId), parse.GetValue(showBy), null, ct));
        messages.Subcommands.Add(context.WithExamples(show, "ivr messages show 7"));

        messages.Subcommands.Add(Advance(context, "ack", "Acknowledge a message: stops its escalation at once.", "ivr messages ack 7 --by dr-lee --note \"called the mother back\""));
        messages.Subcommands.Add(Advance(context, "resolve", "Mark a message resolved: the patient was contacted.", "ivr messages resolve 7 --by dr-lee"));
        return messages;
    }

    private static Argument<long> Id() => new("ID") { Description = "the message's id (see ivr messages list)" };

    private static Command Advance(CliContext context, string verb, string description, string example)
    {
        var command = new Command(verb, description);
        var id = Id();
        var by = CliOptions.Text("--by", "the clinician (their id in the practice's file) or the supervisor", "CLINICIAN", required: true);
        var note = CliOptions.Text("--note", $"what was done (kept encrypted in the message's history; at most {MessageLifecycle.MaxNoteLength} characters)", "TEXT");
        command.Arguments.Add(id);
        command.Options.Add(by);
        command.Options.Add(note);
        command.SetAction((parse, ct) => RunAsync(context, verb, parse.GetValue(id), parse.GetValue(by), parse.GetValue(note), ct));
        return context.WithExamples(command, example);
    }

    private static async Task<int> RunAsync(CliContext context, string verb, long id, string? by, string? note, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var error = context.Error;
        using var host = await context.OpenAsync(cancellationToken);
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
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, CliHost.Reader, "messages.show", "message", id.ToString(CultureInfo.InvariantCulture),
                by is null ? "history viewed" : $"history viewed (said --by {by})"));
            output.WriteLine(message switch
            {
                { Typed: { } typed } => $"Message {message.Id} for {message.PracticeId} (call {message.CallId}): {message.Urgency}, {message.Status}, callback {message.CallbackNumber ?? "-"}, typed by operator {typed.TakenBy}",
                { Summary: { } patched } => $"Message {message.Id} for {message.PracticeId} (call {message.CallId}): summary of a patched call for {patched.ClinicianId}, {message.Status}",
                _ => $"Message {message.Id} for {message.PracticeId} (call {message.CallId}): {message.Urgency}, {message.Status}, callback {message.CallbackNumber ?? "-"}, {message.MessageSeconds:0.0} s{(message.Partial ? ", partial" : string.Empty)}",
            });
            if (message.Summary is { } summary)
            {
                output.WriteLine($"  caller's number: {message.CallerId ?? "withheld"}");
                output.WriteLine($"  call came in {summary.CallStartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; patched by operator {summary.OperatorName}");
                output.WriteLine($"  {summary.ClinicianId} joined {summary.ClinicianJoinedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, on the call {summary.ClinicianOnCall.TotalSeconds:0} s");
                output.WriteLine(summary.TypedMessageId is { } typedId ? $"  operator's message: {typedId}: {summary.TypedReason}" : "  operator's message: none");
            }

            if (message.Typed is { } form)
            {
                output.WriteLine($"  caller: {form.CallerName}");
                output.WriteLine($"  patient: {form.PatientName}, born {form.DateOfBirth:yyyy-MM-dd}");
                output.WriteLine($"  reason: {form.Reason}");
                output.WriteLine($"  notes: {(form.Notes.Length > 0 ? form.Notes.ReplaceLineEndings("\n         ") : "-")}");
            }

            output.WriteLine("History:");
            foreach (var entry in await dispatch.HistoryAsync(id))
            {
                output.WriteLine($"  {entry.At:yyyy-MM-dd HH:mm:ss}  {entry.Status,-12} {entry.Actor,-16} {entry.Detail}{(entry.Note is null ? string.Empty : $"; note: {entry.Note}")}");
            }

            output.WriteLine("Attempts:");
            foreach (var attempt in await dispatch.AttemptsAsync(id))
            {
                output.WriteLine($"  step {attempt.Step,2}  {attempt.StartedAt:HH:mm:ss}-{attempt.EndedAt?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "…",-8} {attempt.Channel,-8} {attempt.Recipient,-16} {(attempt.Outcome.Length > 0 ? attempt.Outcome : "(in progress)")}: {attempt.Detail}");
            }

            return 0;
        }

        if (by is null)
        {
            throw new CommandLineException("--by is required.");
        }
        var practice = await host.Services.GetRequiredService<IPracticeStore>().GetAsync(message.PracticeId);
        var supervisor = host.Services.GetRequiredService<IOptions<PracticesOptions>>().Value.Supervisor.ClinicianId;
        if (by != supervisor && practice?.Clinician(by) is null)
        {
            throw new CommandLineException($"'{by}' is not a clinician of {message.PracticeId} nor the supervisor ({supervisor}).");
        }

        var (status, detail) = verb switch
        {
            "ack" => (MessageStatus.Acknowledged, "acknowledged from the command line"),
            "resolve" => (MessageStatus.Resolved, "patient contacted (command line)"),
            _ => throw new CommandLineException($"unknown command 'ivr messages {verb}'."),
        };
        if (note?.Trim().Length > MessageLifecycle.MaxNoteLength)
        {
            throw new CommandLineException($"--note is at most {MessageLifecycle.MaxNoteLength} characters.");
        }

        // The note may hold patient data: it is kept encrypted, apart from the plain detail.
        if (!await dispatch.AdvanceAsync(id, status, by, detail, note, DateTimeOffset.UtcNow))
        {
            error.WriteLine($"ivr messages {verb}: message {id} is {message.Status} already.");
            return 1;
        }

        await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, CliHost.Actor(by), "messages." + verb, "message", id.ToString(CultureInfo.InvariantCulture), $"{message.PracticeId}: {status}"));
        output.WriteLine(status == MessageStatus.Acknowledged
            ? $"Message {id} acknowledged by {by}. Escalation stopped."
            : $"Message {id} resolved by {by}.");
        return 0;
    }
}
