using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Needs nothing: the safety net's note keeps the caller's number sealed, and the service opens it.</summary>
public sealed class SafetyNetNoteTests
{
    private const string Key = "k3yOfSixteen1234";

    [Theory]
    [InlineData("5551234567")]
    [InlineData("+15551234567")]
    [InlineData("123456789012345")]
    [InlineData("911")]
    public void ANoteAsTheDialplanWritesItHoldsNoPlainNumberAndOpensToTheCallersNumber(string number)
    {
        var note = $"uniqueid=1764643200.42 did=15550100 caller={SafetyNetNote.Seal(number, Key, "0123456789abcdef")} at=1764643200";

        Assert.DoesNotContain(number, note, StringComparison.Ordinal);
        var parsed = SafetyNetNote.Parse(note, Key);
        Assert.Equal(number, parsed.CallerId);
        Assert.Equal("1764643200.42", parsed.UniqueId);
        Assert.Equal("15550100", parsed.Did);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764643200), parsed.At);
    }

    [Fact]
    public void TheSameNumberSealsDifferentlyEachTime()
    {
        Assert.NotEqual(SafetyNetNote.Seal("5551234567", Key, "0123456789abcdef"), SafetyNetNote.Seal("5551234567", Key, "fedcba9876543210"));
    }

    [Fact]
    public void AnotherKeyOrNoKeyOpensNothing()
    {
        var note = $"uniqueid=1.2 did=15550100 caller={SafetyNetNote.Seal("5551234567", Key, "0123456789abcdef")} at=1";

        Assert.Null(SafetyNetNote.Parse(note, "anotherKey123456").CallerId);
        Assert.Null(SafetyNetNote.Parse(note, null).CallerId);
        Assert.Equal("1.2", SafetyNetNote.Parse(note, null).UniqueId);
    }

    [Fact]
    public void ACallerWithoutANumberAndADamagedNoteGiveNoNumber()
    {
        Assert.Null(SafetyNetNote.Parse($"uniqueid=1.2 caller={SafetyNetNote.Seal(string.Empty, Key, "0123456789abcdef")}", Key).CallerId);
        Assert.Null(SafetyNetNote.Parse("uniqueid=1.2 caller=not-base64!", Key).CallerId);
        Assert.Null(SafetyNetNote.Parse("uniqueid=1.2 caller=QUJD", Key).CallerId);
    }

    [Fact]
    public void ANoteOfTheEarlierDialplanIsStillRead()
    {
        var parsed = SafetyNetNote.Parse("uniqueid=1.2 did=15550100 callerid=5551234567 at=5", null);

        Assert.Equal("5551234567", parsed.CallerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(5), parsed.At);
    }
}
