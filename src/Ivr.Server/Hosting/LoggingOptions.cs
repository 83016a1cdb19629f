namespace Ivr.Server.Hosting;

/// <summary>
/// Where and how the service writes its log (section <c>Logging</c>; levels stay under <c>Serilog:MinimumLevel</c>).
/// </summary>
public sealed class LoggingOptions
{
    public const string Text = "text";
    public const string Json = "json";

    /// <summary>
    /// <c>text</c>: one readable line per event; <c>json</c>: one JSON object per line (Serilog's
    /// rendered compact format: <c>@t</c>, <c>@m</c>, <c>@l</c>, properties). Default <c>text</c>.
    /// </summary>
    public string Format { get; set; } = Text;

    /// <summary>A file to write the log to as well as the console, in the same format. Default empty: console only.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>Checks the values; throws naming the first bad one.</summary>
    public void Validate()
    {
        if (!Format.Equals(Text, StringComparison.OrdinalIgnoreCase) && !Format.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Logging:Format '{Format}' is neither '{Text}' nor '{Json}'.");
        }
    }
}
