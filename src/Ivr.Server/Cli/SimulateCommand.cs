using System.CommandLine;
using Ivr.Domain.Flow;
using Ivr.Domain.Practices;
using Ivr.Domain.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Cli;

/// <summary>
/// <c>ivr simulate --practice P --at T --keys 2,1 [--answer C,...] [--office-answers]</c>: what would
/// happen to a call, through the same flow real calls run, without placing one or writing anything.
/// </summary>
public static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var simulate = new Command("simulate", "What a call would do, through the same flow real calls run, without placing one or storing anything.");
        var practiceOption = CliOptions.Practice();
        var atOption = CliOptions.Text("--at", $"when the call comes in ({CliTime.Help}; default now)", "T");
        var keysOption = CliOptions.Text("--keys", "the keys the caller presses, in order, comma-separated", "K,K");
        var answerOption = CliOptions.Text("--answer", "the clinicians who answer when rung, comma-separated (default nobody)", "C,C");
        var officeOption = CliOptions.Flag("--office-answers", "in overflow hours, the office picks up");
        foreach (var option in new Option[] { practiceOption, atOption, keysOption, answerOption, officeOption })
        {
            simulate.Options.Add(option);
        }

        simulate.SetAction((parse, ct) => RunAsync(
            context, parse.GetValue(practiceOption)!, parse.GetValue(atOption), parse.GetValue(keysOption), parse.GetValue(answerOption), parse.GetValue(officeOption), ct));
        return context.WithExamples(simulate,
            "ivr simulate --practice riverside-pediatrics --at 2026-12-25T02:10 --keys 2,1 --answer rn-garcia",
            "ivr simulate --practice harbor-internal-medicine --at 2026-11-23T09:00 --office-answers");
    }

    private static async Task<int> RunAsync(CliContext context, string practiceId, string? atText, string? keysText, string? answerText, bool officeAnswers, CancellationToken cancellationToken)
    {
        var output = context.Output;
        using var host = await context.OpenAsync(cancellationToken);
        var store = host.Services.GetRequiredService<IPracticeStore>();
        var practice = await CliHost.PracticeAsync(store, practiceId);
        var number = practice.Numbers.FirstOrDefault() ?? throw new CommandLineException($"{practice.Id} publishes no number, so no call can reach it; add numbers: to its file.");
        var clock = practice.Clock();
        var at = CliTime.Instant("--at", atText, clock, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var keys = (keysText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answering = (answerText ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var options = host.Services.GetRequiredService<IOptions<CallFlowOptions>>().Value;

        if (practice.Agreement is null)
        {
            // The flow below is what the practice's calls would do once its agreement is recorded.
            context.Error.WriteLine($"warning: {practice.Id} has no business associate agreement recorded: a real call hears the emergency instruction only, then {(practice.EmergencyFallbackDial.Length > 0 ? "the practice's emergency fallback" : "a hangup")}; what follows is the flow once one is recorded.");
        }

        var result = await CallSimulation.RunAsync(host.Services.GetRequiredService<IPracticeDirectory>(), number, at, keys, answering, officeAnswers, options);

        output.WriteLine($"Simulated call to {practice.Name} ({number}) at {clock.Describe(at)}; no call placed, nothing stored.");
        output.WriteLine($"Coverage: {CoverageModes.Name(result.Route.Coverage.Mode)}: {result.Route.Coverage.Reason}");
        output.WriteLine("Path:");
        var start = at;
        // The flow's own record first at each instant, then what the caller heard and did.
        foreach (var (when, what) in result.Events.Select(e => (e.At, $"{e.Kind}: {e.Name} ({e.Detail})"))
            .Concat(result.Transcript.Select(t => (t.At, "caller: " + t.What)))
            .OrderBy(t => t.Item1))
        {
            output.WriteLine($"  +{(when - start).TotalSeconds,5:0} s  {what}");
        }

        output.WriteLine(result.Legs.Count == 0 ? "On-call chain: not rung." : "On-call chain, in order:");
        foreach (var leg in result.Legs)
        {
            output.WriteLine($"  {leg.Attempt}. {leg.ClinicianId} at +{(leg.StartedAt - start).TotalSeconds:0} s: {leg.Result}, {leg.Detail}");
        }

        foreach (var message in result.Messages)
        {
            output.WriteLine($"Message: {message.Urgency}{(message.Partial ? ", partial (caller hung up)" : string.Empty)}{(message.UrgencyReason is { } why ? $" ({why})" : string.Empty)}");
        }

        output.WriteLine($"Outcome: {CallOutcomes.Word(result.Session.Outcome)}: {result.Session.OutcomeDetail}");
        return 0;
    }
}
