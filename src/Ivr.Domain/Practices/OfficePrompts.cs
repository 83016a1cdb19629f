namespace Ivr.Domain.Practices;

/// <summary>
/// The office information's audio, made ahead of time through the practice's typed-words renderer
/// (<see cref="IPracticePrompts.RenderGreetingAsync"/>): every sentence the next
/// <see cref="OfficeInformation.RenderAhead"/> can produce, so a call never waits for speech to be made.
/// </summary>
public static class OfficePrompts
{
    /// <summary>True when the practice's menu offers office information.</summary>
    public static bool Offered(Practice practice) => practice.Menu.KeyOf(MainMenuChoice.OfficeInformation) is not null;

    /// <summary>Every sentence callers of <paramref name="practice"/> can hear from <paramref name="now"/> on; none when the menu does not offer it.</summary>
    public static IReadOnlyList<string> Ahead(Practice practice, DateTimeOffset now) =>
        Offered(practice) ? OfficeInformation.Of(practice).SentencesAhead(now, OfficeInformation.RenderAhead) : [];

    /// <summary>Renders every sentence ahead (words already rendered are kept as they are) and returns how many there are.</summary>
    /// <exception cref="GreetingRenderException">A sentence could not be made into audio.</exception>
    public static async Task<int> RenderAsync(Practice practice, IPracticePrompts prompts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var sentences = Ahead(practice, now);
        foreach (var sentence in sentences)
        {
            await prompts.RenderGreetingAsync(practice.Id, sentence, cancellationToken).ConfigureAwait(false);
        }

        return sentences.Count;
    }

    /// <summary>The sentences ahead whose prompt is not among <paramref name="known"/> (the prompt ids Asterisk has).</summary>
    public static IReadOnlyList<string> Missing(Practice practice, IReadOnlySet<string> known, DateTimeOffset now) =>
        Ahead(practice, now).Where(s => !known.Contains(PracticePromptIds.Of(practice.Id, s))).ToArray();
}
