namespace Ivr.Domain.Prompts;

/// <summary>Which voice speaks a prompt: the default text-to-speech, or a recording someone kept.</summary>
public enum PromptVoice
{
    /// <summary>The service's default voice (text-to-speech, or Asterisk's own recorded sound where the words fit).</summary>
    Synthetic,

    /// <summary>A recording uploaded in the portal.</summary>
    Uploaded,

    /// <summary>A recording made by telephone on the prompt-recording line.</summary>
    Telephone,
}
