using Ivr.Data.Yaml;
using Ivr.Domain.Triage;
using YamlDotNet.RepresentationModel;

namespace Ivr.Data.Triage;

/// <summary>
/// Reads a triage protocol file (YAML) into a <see cref="TriageProtocol"/>, every error with its line,
/// the same way practice files are read. The format is in docs/triage.md and <c>protocols/examples/*.yaml</c>.
/// </summary>
public sealed class ProtocolFileReader : YamlFileReader
{
    private const string Shape = "a protocol file is a mapping of keys (id, version, title, audience, questions, ...)";

    private ProtocolFileReader(string file)
        : base(file)
    {
    }

    public static TriageProtocol Read(string path) => Parse(System.IO.File.ReadAllText(path), path);

    public static TriageProtocol Parse(string text, string file)
    {
        var reader = new ProtocolFileReader(file);
        var root = LoadRoot(text, file, Shape, errors => new ProtocolFileException(errors));
        var protocol = reader.ReadProtocol(root);
        if (reader.Errors.Count > 0)
        {
            throw new ProtocolFileException(reader.Errors);
        }

        return protocol;
    }

    private TriageProtocol ReadProtocol(YamlMappingNode root)
    {
        Known(root, "id", "version", "title", "audience", "example", "searchWords", "questions", "default");
        var id = Checked(root, "id", ProtocolRules.Id) ?? string.Empty;
        var version = Checked(root, "version", ProtocolRules.Version) ?? string.Empty;
        var title = Checked(root, "title", text => ProtocolRules.Text("title", text)) ?? string.Empty;
        var audience = Text(root, "audience", required: true) switch
        {
            null => ProtocolAudience.Adult,
            "adult" => ProtocolAudience.Adult,
            "pediatric" => ProtocolAudience.Pediatric,
            var other => Fail(Child(root, "audience")!, $"audience '{other}' is not adult or pediatric", ProtocolAudience.Adult),
        };

        var questions = new List<TriageQuestion>();
        var questionNodes = Child(root, "questions") is null ? Fail<IEnumerable<YamlNode>>(root, "'questions' is missing: a protocol has at least one question", []) : Items(root, "questions");
        foreach (var node in questionNodes)
        {
            if (ReadQuestion(node) is not { } question)
            {
                continue;
            }

            if (questions.Any(q => q.Id == question.Id))
            {
                Error(node, $"question id '{question.Id}' is used more than once");
            }
            else if (questions.Count > 0 && ProtocolRules.Order(questions[^1], question) is { } orderError)
            {
                Error(node, orderError);
            }

            questions.Add(question);
        }

        var (defaultDisposition, homeCare) = Child(root, "default") is { } defaultNode ? ReadDefault(defaultNode) : (Disposition.HomeCare, string.Empty);
        if (ProtocolRules.Default(questions, defaultDisposition) is { } defaultError)
        {
            Error(Child(root, "default") ?? root, defaultError);
        }

        return new TriageProtocol
        {
            Id = id,
            Version = version,
            Title = title,
            Audience = audience,
            SearchWords = [.. Items(root, "searchWords").Select(w => Scalar(w)?.Trim() ?? Fail(w, "a search word is a single word or phrase", string.Empty)).Where(w => w.Length > 0)],
            Questions = questions,
            DefaultDisposition = defaultDisposition,
            HomeCareAdvice = homeCare,
            IsExample = Flag(root, "example", defaultValue: false),
        };
    }

    private TriageQuestion? ReadQuestion(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail<TriageQuestion?>(node, "a question is { id: ..., ask: ..., disposition: ed-now, advice: ... }", null);
        }

        Known(map, "id", "ask", "disposition", "advice");
        var id = Checked(map, "id", ProtocolRules.Id);
        var ask = Checked(map, "ask", text => ProtocolRules.Text("the question", text));
        var disposition = ReadDisposition(map);
        var advice = Checked(map, "advice", text => ProtocolRules.Text("the advice", text), required: false);
        return id is null || ask is null || disposition is null ? null : new TriageQuestion(id, ask, disposition.Value, advice);
    }

    private (Disposition, string) ReadDefault(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "default is a mapping: { disposition: home-care, advice: ... }", (Disposition.HomeCare, string.Empty));
        }

        Known(map, "disposition", "advice");
        var disposition = ReadDisposition(map) ?? Disposition.HomeCare;
        var advice = Checked(map, "advice", text => ProtocolRules.Text("the home-care advice", text), required: false) ?? string.Empty;
        return (disposition, advice);
    }

    private Disposition? ReadDisposition(YamlMappingNode map)
    {
        var text = Text(map, "disposition", required: true);
        if (text is null)
        {
            return null;
        }

        return Dispositions.TryParse(text, out var disposition)
            ? disposition
            : Fail<Disposition?>(Child(map, "disposition")!, $"disposition '{text}' is not one of: {Dispositions.Choices}", null);
    }

    private string? Checked(YamlMappingNode map, string key, Func<string, string?> rule, bool required = true)
    {
        var text = Text(map, key, required);
        if (text is not null && rule(text) is { } problem)
        {
            return Fail<string?>(Child(map, key)!, problem, null);
        }

        return text;
    }
}
