using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Server.Cli;

/// <summary><c>ivr oncall who | override | overrides | cancel</c>: who is on call, and exceptions to the rotation.</summary>
public static class OnCallCommand
{
    public static async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error)
    {
        var verb = arguments.Positional.FirstOrDefault() ?? throw new CommandLineException("say what to do: ivr oncall who | override | overrides | cancel");
        using var host = await CliHost.OpenAsync(arguments);
        var store = host.Services.GetRequiredService<IPracticeStore>();
        var directory = host.Services.GetRequiredService<PracticeDirectory>();
        var audit = host.Services.GetRequiredService<IAuditLog>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var actor = CliHost.Actor(arguments);
        if (verb == "cancel")
        {
            var id = long.TryParse(arguments.Positional.ElementAtOrDefault(1), out var parsed) ? parsed : throw new CommandLineException("usage: ivr oncall cancel OVERRIDE-ID [--by NAME]");
            if (!await store.CancelOverrideAsync(id, actor, now))
            {
                error.WriteLine($"ivr oncall cancel: no live override #{id}.");
                return 1;
            }

            await audit.RecordAsync(new AuditEntry(now, actor, "oncall.cancel", "override", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "cancelled"));
            output.WriteLine($"cancelled override #{id}");
            return 0;
        }

        var practiceId = arguments.Required("--practice");
        var practice = await CliHost.PracticeAsync(store, practiceId);
        var clock = practice.Clock();
        switch (verb)
        {
            case "who":
                var at = arguments.Instant("--at", clock, now);
                output.WriteLine($"{practice.Name} at {clock.Describe(at)}");
                output.WriteLine($"  coverage: {CoverageCalendar.Decide(practice, at).Reason}");
                var step = 0;
                foreach (var contact in await directory.OnCallChainAsync(practice.Id, at))
                {
                    output.WriteLine($"  {++step}. {contact.DisplayName} ({contact.ClinicianId}) via {contact.DialString}, ring {contact.RingTimeout.TotalSeconds:0} s: {contact.Reason}");
                }

                return 0;
            case "override":
                return await AddOverrideAsync(arguments, practice, store, audit, actor, now, output);
            case "overrides":
                var days = arguments.Number("--days", 30, 1, 366);
                foreach (var o in await store.OverridesAsync(practice.Id, now, now.AddDays(days)))
                {
                    output.WriteLine($"#{o.Id} {Layers.Name(o.Layer)} {o.ClinicianId} from {clock.Describe(o.From)} until {clock.Describe(o.Until)}: {o.Reason} (set by {o.SetBy})");
                }

                return 0;
            default:
                throw new CommandLineException($"unknown command 'ivr oncall {verb}'.");
        }
    }

    private static async Task<int> AddOverrideAsync(CliArguments arguments, Practice practice, IPracticeStore store, IAuditLog audit, string actor, DateTimeOffset now, TextWriter output)
    {
        var clock = practice.Clock();
        var clinician = arguments.Required("--clinician");
        if (practice.Clinician(clinician) is null)
        {
            throw new CommandLineException($"'{clinician}' is not a clinician of {practice.Id} ({string.Join(", ", practice.Clinicians.Select(c => c.Id))}).");
        }

        var layerText = arguments.Option("--layer") ?? "primary";
        if (!Layers.TryParse(layerText, out var layer))
        {
            throw new CommandLineException($"--layer is primary, backup or a number from 1, not '{layerText}'.");
        }

        _ = arguments.Required("--from");
        _ = arguments.Required("--until");
        var from = arguments.Instant("--from", clock, now);
        var until = arguments.Instant("--until", clock, now);
        if (until <= from)
        {
            throw new CommandLineException("--until must come after --from.");
        }

        var reason = arguments.Required("--reason");
        var id = await store.AddOverrideAsync(new OnCallOverride(0, practice.Id, layer, clinician, from, until, reason, actor, now));
        await audit.RecordAsync(new AuditEntry(now, actor, "oncall.override", "override", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{practice.Id} {Layers.Name(layer)} {clinician}"));
        output.WriteLine($"override #{id}: {clinician} is {Layers.Name(layer)} for {practice.Id} from {clock.Describe(from)} until {clock.Describe(until)} ({reason})");
        return 0;
    }
}
