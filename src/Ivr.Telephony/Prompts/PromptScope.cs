using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;

namespace Ivr.Telephony.Prompts;

/// <summary>The prompts one line plays: those of its practice (its recordings first), or the manifest's where no lookup is given.</summary>
public sealed class PromptScope(PromptSounds? sounds, PracticeProfile? practice)
{
    /// <summary>The manifest's sounds only, for a line with no recordings to look up.</summary>
    public static readonly PromptScope Default = new(null, null);

    /// <summary>The sound Asterisk plays for <paramref name="promptId"/> on this line.</summary>
    public string Sound(string promptId) => sounds?.Sound(practice, promptId) ?? AgiPrompts.Sound(promptId);
}
