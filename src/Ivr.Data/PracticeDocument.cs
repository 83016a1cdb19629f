using System.Text.Json;
using System.Text.Json.Serialization;
using Ivr.Domain.Practices;

namespace Ivr.Data;

/// <summary>A practice as the JSON document the practices table keeps.</summary>
public static class PracticeDocument
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
    };

    public static string Write(Practice practice) => JsonSerializer.Serialize(practice, Options);

    public static Practice Read(string document) =>
        JsonSerializer.Deserialize<Practice>(document, Options) ?? throw new DataException("A stored practice document is empty.");
}
