using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ivr.Data.Yaml;

/// <summary>
/// What the readers of our YAML files share (practices, triage protocols): loading one document whose
/// root is a mapping, and collecting every error as <c>FILE:LINE: what</c> instead of stopping at the first.
/// </summary>
public abstract class YamlFileReader(string file)
{
    private readonly List<string> _errors = [];

    /// <summary>The file's name as errors show it.</summary>
    protected string File { get; } = file;

    protected IReadOnlyList<string> Errors => _errors;

    /// <summary>
    /// The root mapping of <paramref name="text"/>; a syntax error or another kind of root is thrown as
    /// <paramref name="fail"/> makes it, with <paramref name="shape"/> saying what the root should be.
    /// </summary>
    protected static YamlMappingNode LoadRoot(string text, string file, string shape, Func<IReadOnlyList<string>, Exception> fail)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw fail([$"{file}:{exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}"]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way at the end of an unclosed flow list or mapping.
            throw fail([$"{file}:{text.Split('\n').Length}: the file ends inside an unclosed [ ] or {{ }}"]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw fail([$"{file}:1: {shape}"]);
        }

        return root;
    }

    protected void Known(YamlMappingNode map, params string[] keys)
    {
        foreach (var key in map.Children.Keys)
        {
            if (!keys.Contains(Scalar(key)))
            {
                Error(key, $"unknown key '{Scalar(key)}' (expected one of: {string.Join(", ", keys)})");
            }
        }
    }

    protected static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => Scalar(c.Key) == key).Value;

    protected static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    protected string? Text(YamlMappingNode map, string key, bool required = false)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, $"'{key}' is missing");
            }

            return null;
        }

        var value = Scalar(node);
        if (value is null || (required && value.Trim().Length == 0))
        {
            Error(node, $"'{key}' must be a single value");
            return null;
        }

        return value.Trim();
    }

    /// <summary><c>true</c> or <c>false</c>; <paramref name="defaultValue"/> when the key is absent.</summary>
    protected bool Flag(YamlMappingNode map, string key, bool defaultValue) => Text(map, key) switch
    {
        null => defaultValue,
        "true" => true,
        "false" => false,
        var other => Fail(Child(map, key)!, $"{key} is true or false, not '{other}'", defaultValue),
    };

    protected IEnumerable<YamlNode> Items(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            return Fail<IEnumerable<YamlNode>>(node, $"'{key}' is a list", []);
        }

        return sequence.Children;
    }

    protected void Error(YamlNode node, string message) => _errors.Add($"{File}:{node.Start.Line}: {message}");

    protected T Fail<T>(YamlNode node, string message, T fallback)
    {
        Error(node, message);
        return fallback;
    }
}
