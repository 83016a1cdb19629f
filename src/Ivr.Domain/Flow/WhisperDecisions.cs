namespace Ivr.Domain.Flow;

/// <summary>What a clinician did with a whisper, as the dialer and the call's legs record it.</summary>
public static class WhisperDecisions
{
    /// <summary>Pressed 1: joins the caller.</summary>
    public const string Accepted = "accepted";

    /// <summary>Pressed 2.</summary>
    public const string Declined = "declined";

    /// <summary>Nothing pressed: most likely a voicemail greeting answered.</summary>
    public const string NoResponse = "no-response";

    public const string HungUp = "hung-up";
}
