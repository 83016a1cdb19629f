using Ivr.Domain.Flow;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Practices;

/// <summary>Whether a practice's rendered words have their audio among Asterisk's sounds; a miss is logged, the caller hears the fixed prompt.</summary>
public sealed class RenderedPrompts(GreetingRenderer renderer, ILogger<RenderedPrompts> logger) : IRenderedPrompts
{
    public bool Has(string promptId)
    {
        var path = renderer.PathOf(promptId);
        if (File.Exists(path))
        {
            return true;
        }

        logger.LogWarning("The audio of rendered prompt {PromptId} is missing ({File}); the caller hears the fixed prompt instead", promptId, path);
        return false;
    }
}
