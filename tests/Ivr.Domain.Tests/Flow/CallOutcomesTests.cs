using Ivr.Domain.Flow;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: call outcomes are a type whose words are what records already store.</summary>
public sealed class CallOutcomesTests
{
    [Fact]
    public void OutcomesKeepTheWordsStoredCallsAlreadyHave()
    {
        Assert.Equal(
            ["unknown", "message-taken", "connected", "office-answered", "caller-hung-up", "failed", "safety-net", "no-agreement", "operator", "handed-over"],
            Enum.GetValues<CallOutcome>().Select(CallOutcomes.Word));
        Assert.True(CallOutcomes.TryParse("safety-net", out var outcome));
        Assert.Equal(CallOutcome.SafetyNet, outcome);
        Assert.False(CallOutcomes.TryParse("MessageTaken", out _));
    }
}
