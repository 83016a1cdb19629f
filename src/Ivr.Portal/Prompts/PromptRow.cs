using Ivr.Domain.Prompts;

namespace Ivr.Portal.Prompts;

/// <summary>One prompt on the page.</summary>
/// <param name="Number">Its number (<see cref="PromptNumbers"/>): what the telephone recording line asks for.</param>
/// <param name="Id">The prompt id.</param>
/// <param name="Words">The words the default voice speaks.</param>
/// <param name="Recording">The recording in use, or null for the default voice.</param>
public sealed record PromptRow(int Number, string Id, string Words, PromptRecording? Recording)
{
    /// <summary>Which voice speaks it, in the page's words.</summary>
    public string Voice => Recording?.Voice switch
    {
        PromptVoice.Uploaded => "uploaded",
        PromptVoice.Telephone => "recorded by telephone",
        _ => "default voice",
    };
}
