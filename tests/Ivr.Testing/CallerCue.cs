using Ivr.Asterisk.Ami;

namespace Ivr.Testing;

/// <summary>
/// The moment a scripted caller waits for before its next keys or speech: Asterisk starting, on the
/// caller's own channel, the command that listens for them. Seen through AMI (<c>AGIExecStart</c>
/// from the service's FastAGI commands, <c>Newexten</c> from the dialplan), so a key is pressed when
/// the service is ready for it, however slowly the machine runs.
/// </summary>
public sealed class CallerCue
{
    private readonly Func<AmiMessage, bool> _matches;

    private CallerCue(string description, Func<AmiMessage, bool> matches)
    {
        Description = description;
        _matches = matches;
    }

    /// <summary>What the caller waits for, in words, for failure messages.</summary>
    public string Description { get; }

    /// <summary>The service starts playing prompt <paramref name="promptId"/> as a question (keys stop it).</summary>
    public static CallerCue Prompt(string promptId) => new(
        $"the service to ask with the prompt '{promptId}'",
        e => e.IsEvent("AGIExecStart") && AgiWords(e) is [var verb, var noun, var file, ..]
            && $"{verb} {noun}".ToUpperInvariant() is "STREAM FILE" or "GET DATA"
            && file == $"ivr/{promptId}");

    /// <summary>The service starts playing a sound whose name starts with <paramref name="prefix"/> (a recording kept for a prompt lives under <c>ivr/recorded/</c>).</summary>
    public static CallerCue SoundStartingWith(string prefix) => new(
        $"the service to play a sound under '{prefix}'",
        e => e.IsEvent("AGIExecStart") && AgiWords(e) is [var verb, var noun, var file, ..]
            && $"{verb} {noun}".ToUpperInvariant() is "STREAM FILE" or "GET DATA"
            && file.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The service starts Asterisk's answering-machine detection (AMD) on the line: a person says hello now.</summary>
    public static CallerCue Amd { get; } = new(
        "the service to start AMD",
        e => e.IsEvent("AGIExecStart") && AgiWords(e) is [var verb, var application, ..] && verb.Equals("EXEC", StringComparison.OrdinalIgnoreCase) && application.Equals("AMD", StringComparison.OrdinalIgnoreCase));

    /// <summary>The service starts recording (after its beep).</summary>
    public static CallerCue Recording { get; } = new(
        "the service to start recording",
        e => e.IsEvent("AGIExecStart") && AgiWords(e) is [var verb, var noun, ..] && $"{verb} {noun}".ToUpperInvariant() == "RECORD FILE");

    /// <summary>The dialplan itself starts recording (the safety net, with the service away).</summary>
    public static CallerCue DialplanRecording { get; } = new(
        "the dialplan to start Record",
        e => e.IsEvent("Newexten") && string.Equals(e["Application"], "Record", StringComparison.OrdinalIgnoreCase));

    public bool Matches(AmiMessage amiEvent) => _matches(amiEvent);

    public override string ToString() => Description;

    private static string[] AgiWords(AmiMessage e) =>
        (e["Command"] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"')).ToArray();
}
