using System.CommandLine;
using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr oncall who | override | overrides | cancel</c>: who is on call, and exceptions to the rotation.</summary>
public static class OnCallCommand
{
    public static Command Create(CliContext context)
    {
        var oncall = context.WithExamples(
            new Command("oncall", "Who is on call, and overrides of the rotation."),
            "ivr oncall who --practice riverside-pediatrics",
            "ivr oncall overrides --practice riverside-pediatrics");
        oncall.Subcommands.Add(Who(context));
        oncall.Subcommands.Add(Override(context));
        oncall.Subcommands.Add(Overrides(context));
        oncall.Subcommands.Add(Cancel(context));
        return oncall;
    }

    private static Command Who(CliContext context)
    {
        var who = new Command("who", "Coverage at a time and whom a call would ring, in order.");
        var practiceOption = CliOptions.Practice();
        var atOption = CliOptions.Text("--at", $"when ({CliTime.Help}; default now)", "T");
        who.Options.Add(practiceOption);
        who.Options.Add(atOption);
        who.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var practice = await CliHost.PracticeAsync(host.Services.GetRequiredService<IPracticeStore>(), parse.GetValue(practiceOption)!);
            var directory = host.Services.GetRequiredService<PracticeDirectory>();
            var clock = practice.Clock();
            var at = CliTime.Instant("--at", parse.GetValue(atOption), clock, host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            var output = context.Output;
            output.WriteLine($"{practice.Name} at {clock.Describe(at)}");
            output.WriteLine($"  coverage: {CoverageCalendar.Decide(practice, at).Reason}");
            var step = 0;
            foreach (var contact in await directory.OnCallChainAsync(practice.Id, at))
            {
                output.WriteLine($"  {++step}. {contact.DisplayName} ({contact.ClinicianId}) via {contact.DialString}, ring {contact.RingTimeout.TotalSeconds:0} s: {contact.Reason}");
            }

            return 0;
        });
        return context.WithExamples(who, "ivr oncall who --practice riverside-pediatrics", "ivr oncall who --practice riverside-pediatrics --at 2026-12-25T02:10");
    }

    private static Command Override(CliContext context)
    {
        var command = new Command("override", "Put someone else on call for a while (the newest override wins).");
        var practiceOption = CliOptions.Practice();
        var clinicianOption = CliOptions.Text("--clinician", "who takes the layer (their id in the practice's file)", "C", required: true);
        var fromOption = CliOptions.Text("--from", $"start ({CliTime.Help})", "T", required: true);
        var untilOption = CliOptions.Text("--until", $"end ({CliTime.Help})", "T", required: true);
        var reasonOption = CliOptions.Text("--reason", "why (shown with the override)", "TEXT", required: true);
        var layerOption = CliOptions.Text("--layer", "primary, backup or a layer number from 1 (default primary)", "LAYER");
        layerOption.CompletionSources.Add("primary", "backup");
        var byOption = CliOptions.By();
        foreach (var option in new Option[] { practiceOption, clinicianOption, fromOption, untilOption, reasonOption, layerOption, byOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var store = host.Services.GetRequiredService<IPracticeStore>();
            var practice = await CliHost.PracticeAsync(store, parse.GetValue(practiceOption)!);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var clock = practice.Clock();
            var clinician = parse.GetValue(clinicianOption)!;
            if (practice.Clinician(clinician) is null)
            {
                throw new CommandLineException($"'{clinician}' is not a clinician of {practice.Id} ({string.Join(", ", practice.Clinicians.Select(c => c.Id))}).");
            }

            var layerText = parse.GetValue(layerOption) ?? "primary";
            if (!Layers.TryParse(layerText, out var layer))
            {
                throw new CommandLineException($"--layer is primary, backup or a number from 1, not '{layerText}'.");
            }

            var from = CliTime.Instant("--from", parse.GetValue(fromOption), clock, now);
            var until = CliTime.Instant("--until", parse.GetValue(untilOption), clock, now);
            if (until <= from)
            {
                throw new CommandLineException("--until must come after --from.");
            }

            var reason = parse.GetValue(reasonOption)!;
            var actor = CliHost.Actor(parse.GetValue(byOption));
            var id = await store.AddOverrideAsync(new OnCallOverride(0, practice.Id, layer, clinician, from, until, reason, CliHost.Author(parse.GetValue(byOption)), now));
            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "oncall.override", "override", id.ToString(CultureInfo.InvariantCulture), $"{practice.Id} {Layers.Name(layer)} {clinician}"));
            context.Output.WriteLine($"override #{id}: {clinician} is {Layers.Name(layer)} for {practice.Id} from {clock.Describe(from)} until {clock.Describe(until)} ({reason})");
            return 0;
        });
        return context.WithExamples(command,
            "ivr oncall override --practice riverside-pediatrics --clinician dr-lee --from 2026-12-24T17:00 --until 2026-12-26T08:00 --reason \"holiday swap\"",
            "ivr oncall override --practice riverside-pediatrics --clinician rn-garcia --layer backup --from now --until 2026-12-02T08:00 --reason sick --by alice");
    }

    private static Command Overrides(CliContext context)
    {
        var command = new Command("overrides", "Overrides in force now or in the coming days.");
        var practiceOption = CliOptions.Practice();
        var daysOption = CliOptions.Number("--days", "how many days ahead", 30, 1, 366);
        command.Options.Add(practiceOption);
        command.Options.Add(daysOption);
        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var store = host.Services.GetRequiredService<IPracticeStore>();
            var practice = await CliHost.PracticeAsync(store, parse.GetValue(practiceOption)!);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var clock = practice.Clock();
            foreach (var o in await store.OverridesAsync(practice.Id, now, now.AddDays(parse.GetValue(daysOption))))
            {
                context.Output.WriteLine($"#{o.Id} {Layers.Name(o.Layer)} {o.ClinicianId} from {clock.Describe(o.From)} until {clock.Describe(o.Until)}: {o.Reason} (set by {o.SetBy})");
            }

            return 0;
        });
        return context.WithExamples(command, "ivr oncall overrides --practice riverside-pediatrics --days 7");
    }

    private static Command Cancel(CliContext context)
    {
        var command = new Command("cancel", "Cancel an override; the rotation (or an older override) applies again.");
        var idArgument = new Argument<long>("OVERRIDE-ID") { Description = "the override's number (see ivr oncall overrides)" };
        var byOption = CliOptions.By();
        command.Arguments.Add(idArgument);
        command.Options.Add(byOption);
        command.SetAction(async (parse, ct) =>
        {
            using var host = await context.OpenAsync(ct);
            var id = parse.GetValue(idArgument);
            var actor = CliHost.Actor(parse.GetValue(byOption));
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!await host.Services.GetRequiredService<IPracticeStore>().CancelOverrideAsync(id, CliHost.Author(parse.GetValue(byOption)), now))
            {
                context.Error.WriteLine($"ivr oncall cancel: no live override #{id}.");
                return 1;
            }

            await host.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(now, actor, "oncall.cancel", "override", id.ToString(CultureInfo.InvariantCulture), "cancelled"));
            context.Output.WriteLine($"cancelled override #{id}");
            return 0;
        });
        return context.WithExamples(command, "ivr oncall cancel 3 --by alice");
    }
}
