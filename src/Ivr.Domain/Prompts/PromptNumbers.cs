namespace Ivr.Domain.Prompts;

/// <summary>
/// The number a prompt is known by on the telephone prompt-recording line and in the portal's prompt list: its
/// 1-based position among the manifest's prompt ids (in file order); 0 is the practice's own greeting.
/// </summary>
public static class PromptNumbers
{
    /// <summary>The number the practice's greeting is recorded under.</summary>
    public const int Greeting = 0;

    /// <summary>The number of <paramref name="promptId"/> among <paramref name="manifestIds"/>; null when it is not there.</summary>
    public static int? Of(IReadOnlyList<string> manifestIds, string promptId)
    {
        if (promptId == PromptRecording.Greeting)
        {
            return Greeting;
        }

        var index = manifestIds.ToList().IndexOf(promptId);
        return index < 0 ? null : index + 1;
    }

    /// <summary>The prompt id numbered <paramref name="number"/>, or null when no prompt has it.</summary>
    public static string? IdOf(IReadOnlyList<string> manifestIds, int number) => number switch
    {
        Greeting => PromptRecording.Greeting,
        > 0 when number <= manifestIds.Count => manifestIds[number - 1],
        _ => null,
    };
}
