using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr schedule check [--days N] [--practice P]</c>: the gap check; exits 1 when it finds anything.</summary>
public static class ScheduleCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output)
    {
        if (arguments.Positional.FirstOrDefault() != "check")
        {
            throw new CommandLineException("usage: ivr schedule check [--days N] [--practice P]");
        }

        var days = arguments.Number("--days", 28, 1, 366);
        using var host = await CliHost.OpenAsync(arguments);
        var store = host.Services.GetRequiredService<IPracticeStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var practices = arguments.Option("--practice") is { } id
            ? [await CliHost.PracticeAsync(store, id)]
            : await store.ListAsync();
        var found = 0;
        foreach (var practice in practices)
        {
            var from = arguments.Instant("--from", practice.Clock(), now);
            var until = from.AddDays(days);
            var findings = ScheduleCheck.Run(new OnCallSchedule(practice, await store.OverridesAsync(practice.Id, from, until)), from, until);
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
        _ => "handoff-dst-overlap",
    };
}
