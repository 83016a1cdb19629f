namespace Ivr.Telephony.Desk;

/// <summary>What the desk service knows of an operator beyond the queue's rules: their phone, and the prompt that says their name in a patch's whisper.</summary>
internal sealed class OperatorSeat(string name)
{
    public string Name { get; } = name;

    /// <summary>Their phone's dial string, as last read from their account; null when none is set.</summary>
    public string? Phone { get; set; }

    /// <summary>True for a nurse's account: nurses take the nurse line's calls, never the operators'.</summary>
    public bool IsNurse { get; set; }

    /// <summary>False until the phone was looked up once.</summary>
    public bool PhoneKnown { get; set; }

    /// <summary>The prompt id that says their first name, once rendered.</summary>
    public string? NamePrompt { get; set; }
}
