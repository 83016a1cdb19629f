namespace Ivr.Server.EndToEndTests.Support;

/// <summary>SIPp scripts the physician tests share: a patient asking for the doctor, a doctor answering the whisper.</summary>
public static class CallScripts
{
    /// <summary>A patient who asks for someone now (2), then the doctor on call (1); what follows is up to the test.</summary>
    public static SippScript PatientAskingForTheDoctor() => SippScript.Patient()
        .WhenAsked("main-menu").Press('2')
        .WhenAsked("someone-now-menu").Press('1');

    /// <summary>A doctor who answers, hears the whisper, and presses a key when its menu asks.</summary>
    public static SippScript DoctorPressing(char key) => SippScript.Phone().WhenAsked("whisper-menu").Press(key);
}
