using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ivr.Data;

/// <summary>
/// How the service writes JSON for people and programs (the portal's API, the command line's <c>--json</c>):
/// enums as the words the rest of the project uses (<c>urgent</c>, <c>acknowledged</c>, <c>practice-admin</c>),
/// never as numbers.
/// </summary>
public static class IvrJson
{
    /// <summary>The command line's JSON: property names as declared, indented for reading.</summary>
    public static JsonSerializerOptions Indented { get; } = Configure(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The word JSON writes for <paramref name="value"/> (<c>MainMenu</c> → <c>main-menu</c>), for pages that show the same value.</summary>
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Adds the enum words to <paramref name="options"/> (the portal's, which keep the web's camelCase names).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }
}
