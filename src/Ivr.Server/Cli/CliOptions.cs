using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Ivr.Server.Cli;

/// <summary>The options several commands share, and the checks that make a wrong value a clear error.</summary>
public static class CliOptions
{
    public static Option<string> Text(string name, string description, string? helpName = null, bool required = false) =>
        new(name) { Description = description, HelpName = helpName, Required = required };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary><c>--by NAME</c>: who the audit log records (default <c>cli:</c> and the user running the command).</summary>
    public static Option<string> By(string description = "who the audit log records (default cli:USER)") => Text("--by", description, "NAME");

    public static Option<bool> Json() => Flag("--json", "print JSON (enums as words) instead of a table");

    public static Option<string> Practice(bool required = true) => Text("--practice", "the practice's id (see ivr practice list)", "P", required);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="defaultValue"/> when left out.</summary>
    public static Option<int> Number(string name, string description, int defaultValue, int min, int max = int.MaxValue) => new(name)
    {
        Description = $"{description} (default {defaultValue})",
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseNumber(result, name, defaultValue, min, max),
    };

    private static int ParseNumber(ArgumentResult result, string name, int defaultValue, int min, int max)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(min == 1 && max == int.MaxValue
            ? $"{name} takes a positive whole number, not '{text}'."
            : $"{name} takes a whole number from {min} to {max}, not '{text}'.");
        return defaultValue;
    }
}
