using Ivr.Domain.Practices;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Practices;

/// <summary>The prompts Asterisk has (the manifest and the greetings rendered into its sounds) and the renderer of typed greetings.</summary>
public sealed class PracticePrompts(GreetingRenderer renderer, IOptions<PracticesOptions> practices, IOptions<PromptsOptions> prompts) : IPracticePrompts
{
    public IReadOnlySet<string>? KnownIds() => PromptManifest.Load(practices.Value.PromptManifest, prompts.Value.SoundsDirectory);

    public string? WordsOf(string promptId) => PromptManifest.Texts(practices.Value.PromptManifest)?.GetValueOrDefault(promptId);

    public string GreetingId(string practiceId, string text) => GreetingRenderer.PromptId(practiceId, text);

    public Task<string> RenderGreetingAsync(string practiceId, string text, CancellationToken cancellationToken = default) =>
        renderer.RenderAsync(practiceId, text, cancellationToken);
}
