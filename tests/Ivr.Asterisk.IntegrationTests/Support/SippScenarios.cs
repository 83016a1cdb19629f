namespace Ivr.Asterisk.IntegrationTests.Support;

/// <summary>What our SIPp scenarios in scripts/sipp do, so tests can assert on it.</summary>
public static class SippScenarios
{
    /// <summary>The digits uac-dtmf2833.xml and uac-info.xml send after the call is answered.</summary>
    public const string DigitsSent = "123";
}
