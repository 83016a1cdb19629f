using Ivr.Domain.Outbound;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Why a campaign call was not answered, from what Asterisk said: the dial's status (<c>DialEnd</c>'s <c>DialStatus</c>)
/// first, then the channel's hangup cause (Q.850), then Originate's reason code, which says 0 for a SIP 486 and so alone
/// cannot tell a busy line from a failure.
/// </summary>
public static class UnansweredCall
{
    public static AttemptResult Result(int originateReason, string? dialStatus, int? hangupCause) => dialStatus switch
    {
        "BUSY" => AttemptResult.Busy,
        "NOANSWER" or "CANCEL" => AttemptResult.NoAnswer,
        "CONGESTION" or "CHANUNAVAIL" => AttemptResult.Failed,
        _ => hangupCause switch
        {
            17 => AttemptResult.Busy,
            18 or 19 => AttemptResult.NoAnswer,
            null or 0 => originateReason switch
            {
                5 => AttemptResult.Busy,
                3 or 1 => AttemptResult.NoAnswer,
                _ => AttemptResult.Failed,
            },
            _ => AttemptResult.Failed,
        },
    };
}
