namespace Ivr.Domain.Outbound;

/// <summary>
/// What <see cref="CallingPolicy"/> decided for one attempt: call now, wait until <see cref="NotBefore"/>, or never
/// (the number opted out). <see cref="Rule"/> names the rule that held the call back and <see cref="Why"/> says it in
/// words; both are kept on the attempt's record, so every call made or not made can be explained.
/// </summary>
public sealed record CallingDecision(CallingVerdict Verdict, DateTimeOffset? NotBefore, string Rule, string Why)
{
    public static CallingDecision Now(string why) => new(CallingVerdict.CallNow, null, "none", why);
}

public enum CallingVerdict
{
    CallNow,
    Wait,
    Never,
}
