namespace Ivr.Server.EndToEndTests.Support;

/// <summary>SIPp scripts the physician tests share: a patient asking for the doctor, a doctor answering the whisper.</summary>
public static class CallScripts
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);

    /// <summary>What the patient presses after the greeting: 2 (someone now), then 1 (the doctor on call).</summary>
    public static SippScript PatientAskingForTheDoctor(TimeSpan stayOnLine, string greeting = "greeting-riverside-pediatrics") => SippScript.Patient()
        .Wait(PromptDurations.Of(greeting, "emergency") + Beat).Press('2')
        .Wait(Beat).Press('1')
        .Wait(stayOnLine);

    /// <summary>A doctor who answers, hears the whisper, and presses a key while the menu plays (twice, in case the first is early).</summary>
    public static SippScript DoctorPressing(char key, string practiceId = "riverside-pediatrics")
    {
        var whisper = PromptDurations.Of("whisper-intro", $"practice-name-{practiceId}", "whisper-caller-number") + TimeSpan.FromSeconds(7.5);
        return SippScript.Phone().Wait(whisper).Press(key).Wait(TimeSpan.FromSeconds(2.5)).Press(key);
    }
}
