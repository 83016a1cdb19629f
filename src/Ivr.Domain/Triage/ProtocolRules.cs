using System.Text.RegularExpressions;

namespace Ivr.Domain.Triage;

/// <summary>What makes a protocol usable; each rule returns the problem in words, or null. The file reader puts a line on each.</summary>
public static partial class ProtocolRules
{
    public const int MaxTextLength = 2000;

    public static string? Id(string id) =>
        IdPattern().IsMatch(id) ? null : $"id '{id}' must be lower-case letters, digits and dashes";

    public static string? Version(string version) =>
        VersionPattern().IsMatch(version) ? null : $"version '{version}' must be letters, digits, dots and dashes (1, 2026.1)";

    public static string? Text(string what, string text) => text.Trim().Length switch
    {
        0 => $"{what} is empty",
        > MaxTextLength => $"{what} is longer than {MaxTextLength} characters",
        _ => null,
    };

    /// <summary>Questions run from the highest acuity to the lowest: one may not be more urgent than the one before it.</summary>
    public static string? Order(TriageQuestion previous, TriageQuestion question) =>
        question.Disposition.IsMoreUrgent(previous.Disposition)
            ? $"question '{question.Id}' ({Dispositions.Code(question.Disposition)}) is more urgent than '{previous.Id}' before it ({Dispositions.Code(previous.Disposition)}); questions run from the highest acuity to the lowest, since the first yes wins"
            : null;

    /// <summary>"No" to everything cannot be more urgent than a "yes" to the last question.</summary>
    public static string? Default(IReadOnlyList<TriageQuestion> questions, Disposition defaultDisposition) =>
        questions.Count > 0 && defaultDisposition.IsMoreUrgent(questions[^1].Disposition)
            ? $"the default ({Dispositions.Code(defaultDisposition)}) is more urgent than the last question '{questions[^1].Id}' ({Dispositions.Code(questions[^1].Disposition)})"
            : null;

    /// <summary>Every problem of a whole protocol (one built in code, or read back), without lines.</summary>
    public static IReadOnlyList<string> Check(TriageProtocol protocol)
    {
        var problems = new List<string?> { Id(protocol.Id), Version(protocol.Version), Text("title", protocol.Title) };
        if (protocol.Questions.Count == 0)
        {
            problems.Add("a protocol has at least one question");
        }

        for (var i = 0; i < protocol.Questions.Count; i++)
        {
            var question = protocol.Questions[i];
            problems.Add(Id(question.Id));
            problems.Add(Text($"question '{question.Id}'", question.Text));
            problems.Add(i > 0 ? Order(protocol.Questions[i - 1], question) : null);
        }

        problems.AddRange(protocol.Questions.GroupBy(q => q.Id).Where(g => g.Count() > 1).Select(g => $"question id '{g.Key}' is used more than once"));
        problems.Add(Default(protocol.Questions, protocol.DefaultDisposition));
        return [.. problems.OfType<string>()];
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$")]
    private static partial Regex VersionPattern();
}
