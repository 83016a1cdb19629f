namespace Ivr.Telephony.Calls;

/// <summary>The ConfBridge profiles (dialplan/confbridge.conf) used to bridge a caller and a clinician.</summary>
public sealed class ConferenceOptions
{
    /// <summary>Bridge profile. Default <c>ivr_bridge</c>.</summary>
    public string BridgeProfile { get; set; } = "ivr_bridge";

    /// <summary>The caller's user profile: music while alone, leaves when the clinician leaves. Default <c>ivr_caller</c>.</summary>
    public string CallerProfile { get; set; } = "ivr_caller";

    /// <summary>The clinician's user profile (marked). Default <c>ivr_physician</c>.</summary>
    public string PhysicianProfile { get; set; } = "ivr_physician";

    /// <summary>The operator's user profile (marked: the caller stays while an operator or a clinician is in). Default <c>ivr_operator</c>.</summary>
    public string OperatorProfile { get; set; } = "ivr_operator";

    /// <summary>FastAGI URL base the clinician's leg runs. Default <c>agi://127.0.0.1:4573</c>.</summary>
    public string AgiBase { get; set; } = "agi://127.0.0.1:4573";

    /// <summary>How long a clinician who answered has to press 1 or 2. Default 45 s.</summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromSeconds(45);
}
