using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Ivr.Data;
using Ivr.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr audit verify|export</c>: check the audit log's hash chain and name the first row that breaks
/// it; print the rows of a time range with their chain values. Both are audited as the operating-system user.
/// </summary>
public static class AuditCommand
{
    private const int Page = 1000;
    private const string TimeHelp = "a time: 2026-12-25T07:10Z, 2026-12-25T02:10-05:00, or 2026-12-25 (UTC when no offset is given)";

    public static Command Create(CliContext context)
    {
        var audit = context.WithExamples(
            new Command("audit", "The audit log: verify its hash chain, export its rows."),
            "ivr audit verify", "ivr audit export --from 2026-12-01 --until 2026-12-02 --format csv");

        var verify = new Command("verify", "Walk the hash chain; name the first changed, missing or unlinked row and exit 1, or exit 0 when every row holds.");
        verify.SetAction((_, ct) => VerifyAsync(context, ct));
        audit.Subcommands.Add(context.WithExamples(verify, "ivr audit verify"));

        var export = new Command("export", "Print the audit rows from --from to --until (oldest first) with their chain values.");
        var from = CliOptions.Text("--from", $"first instant, included ({TimeHelp})", "T", required: true);
        var until = CliOptions.Text("--until", $"last instant, excluded ({TimeHelp})", "T", required: true);
        var format = CliOptions.Text("--format", "csv or json (default csv)", "FORMAT");
        format.CompletionSources.Add("csv", "json");
        export.Options.Add(from);
        export.Options.Add(until);
        export.Options.Add(format);
        export.SetAction((parse, ct) => ExportAsync(context, Instant("--from", parse.GetValue(from)!), Instant("--until", parse.GetValue(until)!), parse.GetValue(format) ?? "csv", ct));
        audit.Subcommands.Add(context.WithExamples(export, "ivr audit export --from 2026-12-01 --until 2026-12-02", "ivr audit export --from 2026-12-01T00:00Z --until 2026-12-01T12:00Z --format json"));
        return audit;
    }

    /// <summary>An instant from the command line; without an offset it is UTC (the audit log has no practice to take a zone from).</summary>
    public static DateTimeOffset Instant(string name, string text)
    {
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "O"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant;
        }

        throw new CommandLineException($"{name} takes {TimeHelp}; not '{text}'.");
    }

    private static async Task<int> VerifyAsync(CliContext context, CancellationToken cancellationToken)
    {
        using var host = await context.OpenAsync(cancellationToken);
        var result = await host.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
        await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, CliHost.Reader, "audit.verify", "audit", "*",
            result.Holds ? $"chain holds, {result.Rows} row(s)" : result.Problem!), cancellationToken);
        if (result.Holds)
        {
            context.Output.WriteLine($"The audit chain holds: {result.Rows} row(s).");
            return 0;
        }

        context.Output.WriteLine($"The audit chain is broken: {result.Problem} ({result.Rows} row(s) before it hold).");
        return 1;
    }

    private static async Task<int> ExportAsync(CliContext context, DateTimeOffset from, DateTimeOffset until, string format, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "json"))
        {
            throw new CommandLineException($"--format takes csv or json, not '{format}'.");
        }

        if (until <= from)
        {
            throw new CommandLineException("--until must be after --from.");
        }

        using var host = await context.OpenAsync(cancellationToken);
        var trail = host.Services.GetRequiredService<IAuditTrail>();
        var query = new AuditQuery(From: from, Until: until);

        // Counted and read before the export's own row is written, so the export shows what was there when it was asked for.
        var rows = new List<AuditExportRow>();
        for (var offset = 0; ; offset += Page)
        {
            var page = await trail.QueryAsync(query, offset, Page, cancellationToken: cancellationToken);
            rows.AddRange(page.Select(Row));
            if (page.Count < Page)
            {
                break;
            }
        }

        await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(DateTimeOffset.UtcNow, CliHost.Reader, "audit.export", "audit", "*",
            $"{rows.Count} row(s) from {from:O} until {until:O} as {format}"), cancellationToken);
        if (format == "json")
        {
            context.Output.WriteLine(JsonSerializer.Serialize(rows, IvrJson.Indented));
            return 0;
        }

        // Actors and details can hold what someone typed (a user name at sign-in): a cell starting with = + - @ is escaped, not a formula.
        using var csv = CsvWriter.Create(context.Output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(["id", "at", "actor", "action", "subject_type", "subject_id", "detail", "session", "address", "chain"]);
        foreach (var row in rows)
        {
            csv.WriteRecord([row.Id.ToString(CultureInfo.InvariantCulture), row.At, row.Actor, row.Action, row.SubjectType, row.SubjectId, row.Detail,
                row.Session ?? string.Empty, row.Address ?? string.Empty, row.Chain ?? string.Empty]);
        }

        csv.Flush();
        return 0;
    }

    private static AuditExportRow Row(AuditRecord record) => new(
        record.Id,
        record.Entry.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        record.Entry.Actor,
        record.Entry.Action,
        record.Entry.SubjectType,
        record.Entry.SubjectId,
        record.Entry.Detail,
        record.Entry.Session,
        record.Entry.Address,
        record.Chain);
}
