namespace Ivr.Domain.Practices;

/// <summary>
/// The prompts a practice's callers can hear, as the settings need them: which prompt ids Asterisk has,
/// the words of a prompt, and a typed greeting made into audio before the practice that plays it is saved.
/// </summary>
public interface IPracticePrompts
{
    /// <summary>The prompt ids Asterisk can play, or null when there is no prompt manifest (checks against it are then skipped).</summary>
    IReadOnlySet<string>? KnownIds();

    /// <summary>The words a manifest prompt speaks, or null when it is unknown.</summary>
    string? WordsOf(string promptId);

    /// <summary>The prompt id that plays <paramref name="text"/> as <paramref name="practiceId"/>'s greeting.</summary>
    string GreetingId(string practiceId, string text);

    /// <summary>Makes the words into audio and returns the prompt id that plays them.</summary>
    /// <exception cref="GreetingRenderException">The audio could not be made; nothing was written.</exception>
    Task<string> RenderGreetingAsync(string practiceId, string text, CancellationToken cancellationToken = default);
}
