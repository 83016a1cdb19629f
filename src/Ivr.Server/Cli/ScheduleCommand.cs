using System.CommandLine;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr schedule check [--days N] [--practice P]</c>: the gap check; exits 1 when it finds anything.</summary>
public static class ScheduleCommand
{
    public static Command Create(CliContext context)
    {
        var schedule = context.WithExamples(new Command("schedule", "The on-call schedule's checks."), "ivr schedule check");
        var check = new Command("check", "Gaps, unverified contacts, uncovered holidays, daylight-saving handoffs in the coming days, and a morning report with no recipient; exits 1 when it finds any.");
        var daysOption = CliOptions.Number("--days", "how many days to check", 28, 1, 366);
        var practiceOption = CliOptions.Practice(required: false);
        practiceOption.Description = "check only this practice (default every practice)";
        var fromOption = CliOptions.Text("--from", $"where the check starts ({CliTime.Help}; default now)", "T");
        check.Options.Add(daysOption);
        check.Options.Add(practiceOption);
        check.Options.Add(fromOption);
        check.SetAction((parse, ct) => RunAsync(context, parse.GetValue(daysOption), parse.GetValue(practiceOption), parse.GetValue(fromOption), ct));
        schedule.Subcommands.Add(context.WithExamples(check,
            "ivr schedule check",
            "ivr schedule check --practice riverside-pediatrics --days 60",
            "ivr schedule check --from 2027-03-08T00:00 --days 10 || echo \"fix the schedule\""));
        return schedule;
    }

    private static async Task<int> RunAsync(CliContext context, int days, string? practiceId, string? fromText, CancellationToken cancellationToken)
    {
        var output = context.Output;
        using var host = await context.OpenAsync(cancellationToken);
        var store = host.Services.GetRequiredService<IPracticeStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var practices = practiceId is { } id
            ? [await CliHost.PracticeAsync(store, id)]
            : await store.ListAsync();
        var found = 0;
        foreach (var practice in practices)
        {
            var from = CliTime.Instant("--from", fromText, practice.Clock(), now);
            var until = from.AddDays(days);
            var findings = ScheduleCheck.Run(new OnCallSchedule(practice, await store.OverridesAsync(practice.Id, from, until)), from, until).ToList();
            if (!MorningReport.HasRecipient(practice, host.Services.GetRequiredService<IConfiguration>()["Dispatch:SupervisorEmail"]))
            {
                findings.Add(new ScheduleFinding(practice.Id, FindingKind.NoReportRecipient, null, null,
                    "the morning report reaches nobody: give a practice-admin clinician an email, or set Dispatch:SupervisorEmail"));
            }

            output.WriteLine($"{practice.Id}: {(findings.Count == 0 ? "no problems" : $"{findings.Count} problem(s)")} in the {days} day(s) from {practice.Clock().Describe(from)}");
            foreach (var finding in findings)
            {
                output.WriteLine($"  {Kind(finding.Kind),-20} {finding.Message}");
            }

            found += findings.Count;
        }

        return found == 0 ? 0 : 1;
    }

    private static string Kind(FindingKind kind) => kind switch
    {
        FindingKind.NoPrimary => "no-primary",
        FindingKind.NoVerifiedContact => "unverified-contact",
        FindingKind.HolidayUncovered => "holiday-uncovered",
        FindingKind.HandoffInGap => "handoff-dst-gap",
        FindingKind.NoReportRecipient => "no-report-recipient",
        _ => "handoff-dst-overlap",
    };
}
