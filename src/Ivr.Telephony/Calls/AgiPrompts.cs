namespace Ivr.Telephony.Calls;

/// <summary>Where the prompts of <c>prompts/manifest.txt</c> live among Asterisk's sounds, for every AGI-backed line.</summary>
public static class AgiPrompts
{
    /// <summary>The folder under Asterisk's sounds that scripts/prompts renders the manifest into.</summary>
    public const string Folder = "ivr";

    /// <summary>The sound Asterisk plays for <paramref name="promptId"/>.</summary>
    public static string Sound(string promptId) => $"{Folder}/{promptId}";
}
