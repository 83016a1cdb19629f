namespace Ivr.Domain.Flow;

/// <summary>
/// Whether the audio of a rendered prompt (words a practice typed, made into sound ahead of time) is there to play.
/// Playing a missing sound fails like a hangup, so the flow asks first and says a fixed prompt instead.
/// </summary>
public interface IRenderedPrompts
{
    /// <summary>True when <paramref name="promptId"/>'s audio exists; a miss is logged by the implementation.</summary>
    bool Has(string promptId);
}

/// <summary>No rendered prompt is there: the flow says its fixed prompts.</summary>
public sealed class NoRenderedPrompts : IRenderedPrompts
{
    public static NoRenderedPrompts Instance { get; } = new();

    public bool Has(string promptId) => false;
}
