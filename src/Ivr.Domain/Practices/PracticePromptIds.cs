using System.Security.Cryptography;
using System.Text;

namespace Ivr.Domain.Practices;

/// <summary>
/// The prompt id of words a practice typed (its greeting, its office information): <c>greeting-{practice}-{hash}</c>,
/// named by the words, so the same words reuse their audio and the call flow can name the prompt of a sentence
/// without asking anyone. The renderer writes the audio under this id.
/// </summary>
public static class PracticePromptIds
{
    /// <summary>The prompt id of <paramref name="text"/> spoken for <paramref name="practiceId"/>.</summary>
    public static string Of(string practiceId, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return $"greeting-{practiceId}-{Convert.ToHexStringLower(hash)[..8]}";
    }
}
