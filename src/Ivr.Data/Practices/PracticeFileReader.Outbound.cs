using System.Globalization;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using YamlDotNet.RepresentationModel;

namespace Ivr.Data.Practices;

public sealed partial class PracticeFileReader
{
    /// <summary>
    /// The practice's outbound settings (<c>outbound:</c>); every key may be left out for its default. The window is
    /// never wider than the law's (<see cref="CallingRules.Check"/>).
    /// </summary>
    private OutboundSettings ReadOutbound(YamlNode node)
    {
        var defaults = OutboundSettings.Default;
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "outbound is a mapping: { window: 09:00-20:00, callsPerDay: 1, callsPerWeek: 3, maxChannels: 4, retry: { maxAttempts: 6, waits: 30m, 2h, 1d } }", defaults);
        }

        Known(map, "window", "callsPerDay", "callsPerWeek", "maxChannels", "retry");
        var start = defaults.Rules.WindowStart;
        var end = defaults.Rules.WindowEnd;
        var windowOk = true;
        if (Text(map, "window") is { } window)
        {
            var bounds = window.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
            {
                windowOk = false;
                (start, end) = (defaults.Rules.WindowStart, defaults.Rules.WindowEnd);
                Error(Child(map, "window")!, $"window is a calling window like 09:00-20:00 on the patient's clock, not '{window}'");
            }
        }

        var rules = new CallingRules
        {
            WindowStart = start,
            WindowEnd = end,
            MaxPerDay = Number(map, "callsPerDay", defaults.Rules.MaxPerDay, 1, CallingRules.MaxPerDayLimit),
            MaxPerWeek = Number(map, "callsPerWeek", defaults.Rules.MaxPerWeek, 1, CallingRules.MaxPerWeekLimit),
        };
        if (windowOk && rules.Check() is { } wrong)
        {
            Error(wrong.StartsWith("the calling window", StringComparison.Ordinal) ? Child(map, "window") ?? map : Child(map, "callsPerWeek") ?? map, wrong);
        }

        return new OutboundSettings
        {
            Rules = rules,
            MaxChannels = Number(map, "maxChannels", defaults.MaxChannels, OutboundSettings.MinChannels, OutboundSettings.MaxChannelsLimit),
            Retry = Child(map, "retry") is { } retry ? ReadRetry(retry) : defaults.Retry,
        };
    }

    /// <summary>The retry policy: <c>{ maxAttempts: 6, waits: 30m, 2h, 1d }</c>; waits may also be a list.</summary>
    private RetryRules ReadRetry(YamlNode node)
    {
        var defaults = RetryRules.Default;
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "retry is a mapping: { maxAttempts: 6, waits: \"30m, 2h, 1d\" }", defaults);
        }

        Known(map, "maxAttempts", "waits");
        var attempts = Number(map, "maxAttempts", defaults.MaxAttempts, 1, OutboundSettings.MaxAttemptsLimit);
        if (Child(map, "waits") is not { } waitsNode)
        {
            return new RetryRules { MaxAttempts = attempts, Waits = defaults.Waits };
        }

        var words = waitsNode is YamlSequenceNode list
            ? list.Select(n => (Node: n, Text: Scalar(n) ?? string.Empty)).ToList()
            : (Scalar(waitsNode) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => (Node: waitsNode, Text: t)).ToList();
        var waits = new List<TimeSpan>();
        foreach (var (item, text) in words)
        {
            if (!OutboundSettings.TryWait(text, out var wait))
            {
                Error(item, $"'{text}' is not a wait like 30m, 2h or 1d");
                continue;
            }

            waits.Add(wait);
        }

        var rules = new RetryRules { MaxAttempts = attempts, Waits = waits.Count > 0 ? waits : defaults.Waits };
        if (words.Count == 0)
        {
            Error(waitsNode, "retry waits name at least one wait, like 30m, 2h, 1d");
        }
        else if (waits.Count == words.Count && OutboundSettings.CheckRetry(rules) is { } wrong)
        {
            Error(waitsNode, wrong);
        }

        return rules;
    }
}
