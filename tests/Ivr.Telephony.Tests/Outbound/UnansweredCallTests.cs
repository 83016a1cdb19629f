using Ivr.Domain.Outbound;
using Ivr.Telephony.Outbound;

namespace Ivr.Telephony.Tests.Outbound;

public sealed class UnansweredCallTests
{
    [Theory]
    [InlineData(0, "BUSY", 17, AttemptResult.Busy)]
    [InlineData(0, null, 17, AttemptResult.Busy)]
    [InlineData(3, "NOANSWER", 19, AttemptResult.NoAnswer)]
    [InlineData(3, null, null, AttemptResult.NoAnswer)]
    [InlineData(5, null, null, AttemptResult.Busy)]
    [InlineData(8, "CONGESTION", 34, AttemptResult.Failed)]
    [InlineData(0, "CHANUNAVAIL", 1, AttemptResult.Failed)]
    [InlineData(0, null, 21, AttemptResult.Failed)]
    [InlineData(0, null, null, AttemptResult.Failed)]
    public void WhatAsteriskSaidBecomesTheAttemptsResult(int reason, string? dialStatus, int? cause, AttemptResult result) =>
        Assert.Equal(result, UnansweredCall.Result(reason, dialStatus, cause));
}
