using System.Globalization;
using Hl7.Fhir.Model;

namespace Ivr.Testing.Fhir;

/// <summary>
/// The double's resources by type and id, each with its version and last update kept in its <c>meta</c>.
/// Hands out copies, so nothing outside changes what is kept. Not thread-safe: the double locks around it.
/// </summary>
internal sealed class FhirResourceStore
{
    private readonly Dictionary<string, Dictionary<string, Resource>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastId = new(StringComparer.Ordinal);

    public Resource? Find(string type, string id) =>
        _byType.TryGetValue(type, out var kept) && kept.TryGetValue(id, out var resource) ? Copy(resource) : null;

    public List<T> All<T>()
        where T : Resource => _byType.TryGetValue(typeof(T).Name, out var kept) ? kept.Values.Select(r => (T)Copy(r)).ToList() : [];

    public List<Resource> All(string type) => _byType.TryGetValue(type, out var kept) ? kept.Values.Select(Copy).ToList() : [];

    /// <summary>Keeps <paramref name="resource"/> under its id (a new one when it has none) as the next version; returns what is kept.</summary>
    public Resource Keep(Resource resource, DateTimeOffset now)
    {
        var type = resource.TypeName;
        if (!_byType.TryGetValue(type, out var kept))
        {
            _byType[type] = kept = new Dictionary<string, Resource>(StringComparer.Ordinal);
        }

        var copy = Copy(resource);
        copy.Id ??= NextId(type);
        var version = kept.TryGetValue(copy.Id, out var previous) ? Version(previous) + 1 : 1;
        copy.Meta ??= new Meta();
        copy.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
        copy.Meta.LastUpdated = now;
        kept[copy.Id] = copy;
        return Copy(copy);
    }

    public string NextId(string type)
    {
        // Skip ids a seeded resource already took.
        _byType.TryGetValue(type, out var kept);
        string id;
        do
        {
            _lastId[type] = _lastId.GetValueOrDefault(type) + 1;
            id = _lastId[type].ToString(CultureInfo.InvariantCulture);
        }
        while (kept?.ContainsKey(id) == true);

        return id;
    }

    public static int Version(Resource resource) =>
        int.TryParse(resource.Meta?.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    private static Resource Copy(Resource resource) => (Resource)resource.DeepCopy();
}
