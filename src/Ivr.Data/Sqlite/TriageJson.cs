using System.Text.Json;
using Ivr.Domain.Triage;

namespace Ivr.Data;

/// <summary>How protocols and pathways are written as JSON in the database: enums as words, compact.</summary>
internal static class TriageJson
{
    private static readonly JsonSerializerOptions Options = IvrJson.Configure(new JsonSerializerOptions());

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new DataException($"{what} is empty");

    public static TriageProtocol Protocol(string json) => Read<TriageProtocol>(json, "a stored protocol");
}
