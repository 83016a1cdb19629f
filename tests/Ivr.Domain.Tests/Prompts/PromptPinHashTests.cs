using Ivr.Domain.Prompts;

namespace Ivr.Domain.Tests.Prompts;

/// <summary>Needs nothing: the prompt line's PINs are kept only as salted slow hashes.</summary>
public sealed class PromptPinHashTests
{
    [Fact]
    public void APinMatchesItsOwnHashOnlyAndTwoHashesOfOnePinDiffer()
    {
        var hash = PromptPinHash.Of("735921");

        Assert.True(PromptPinHash.Matches("735921", hash));
        Assert.False(PromptPinHash.Matches("735922", hash));
        Assert.NotEqual(hash, PromptPinHash.Of("735921"));
        Assert.StartsWith("pbkdf2-sha256$100000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("735921", hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$10$not base64$AAAA")]
    public void AMalformedHashMatchesNothing(string hash) => Assert.False(PromptPinHash.Matches("735921", hash));

    [Theory]
    [InlineData("735921", null)]
    [InlineData("12345", "6 to 12 digits")]
    [InlineData("1234567890123", "6 to 12 digits")]
    [InlineData("73592a", "6 to 12 digits")]
    [InlineData("111111", "too easy")]
    [InlineData("123456", "too easy")]
    [InlineData("987654", "too easy")]
    public void AGuessablePinIsRefused(string pin, string? problem)
    {
        var said = PromptPinHash.Problem(pin);

        if (problem is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(problem, said, StringComparison.Ordinal);
        }
    }
}
