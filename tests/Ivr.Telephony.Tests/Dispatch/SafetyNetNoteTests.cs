using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Needs nothing: the safety net's note, read from its text alone; the caller's number in it is sealed, and the service opens it.</summary>
public sealed class SafetyNetNoteTests
{
    private const string Key = "k3yOfSixteen1234";

    [Fact]
    public void ANoteAsTheDialplanWritesItIsRead()
    {
        var note = SafetyNetNote.Parse("uniqueid=1763795400.5 did=15550100 callerid=+15551112222 at=1763795400\n", "1763795400.5", null);

        Assert.Equal(new SafetyNetNote("1763795400.5", "15550100", "+15551112222", DateTimeOffset.FromUnixTimeSeconds(1763795400)), note);
    }

    [Theory]
    [InlineData("why=overload", true)]
    [InlineData("why=service", false)]
    [InlineData("", false)]
    public void ANoteSaysWhetherEveryLineWasFullOrTheServiceFailed(string why, bool overload) =>
        Assert.Equal(overload, SafetyNetNote.Parse($"uniqueid=1763795400.5 did=15550100 callerid= at=1763795400 {why}", "1763795400.5", null).Overload);

    [Fact]
    public void ANoteOfAnAsteriskWithASystemNameIsRead()
    {
        var note = SafetyNetNote.Parse("uniqueid=ivr-a2-1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "ivr-a2-1763795400.5", null);

        Assert.Equal("ivr-a2-1763795400.5", note.UniqueId);
        Assert.Equal("5551112222", note.CallerId);
    }

    [Fact]
    public void AnAnonymousCallerHasNoCallerId() =>
        Assert.Null(SafetyNetNote.Parse("uniqueid=1763795400.5 did=15550100 callerid= at=1763795400", "1763795400.5", null).CallerId);

    [Theory]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 callerid=5553334444 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 at=yesterday", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222;DROP at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=../../keys/phi.key at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 name=Jane at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=1555-0100 callerid=5551112222 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.6 did=15550100 callerid=5551112222 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "../1763795400.5")]
    [InlineData("uniqueid=../a2-1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "../a2-1763795400.5")]
    [InlineData("uniqueid=a.b-1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "a.b-1763795400.5")]
    [InlineData("uniqueid=-1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "-1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=555111222233334444555 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 5551112222 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 at=1763795400 why=5551112222", "1763795400.5")]
    public void ANoteTheDialplanWouldNotWriteIsRefusedWithoutRepeatingItsText(string text, string fileUniqueId)
    {
        var refused = Assert.Throws<FormatException>(() => SafetyNetNote.Parse(text, fileUniqueId, null));

        Assert.DoesNotContain("555", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5551234567")]
    [InlineData("+15551234567")]
    [InlineData("123456789012345")]
    [InlineData("911")]
    public void ANoteAsTheDialplanWritesItHoldsNoPlainNumberAndOpensToTheCallersNumber(string number)
    {
        var note = $"uniqueid=1764643200.42 did=15550100 caller={SafetyNetNote.Seal(number, Key, "0123456789abcdef")} at=1764643200";

        Assert.DoesNotContain(number, note, StringComparison.Ordinal);
        var parsed = SafetyNetNote.Parse(note, "1764643200.42", Key);
        Assert.Equal(number, parsed.CallerId);
        Assert.Equal("1764643200.42", parsed.UniqueId);
        Assert.Equal("15550100", parsed.DialedNumber);
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

        Assert.Null(SafetyNetNote.Parse(note, "1.2", "anotherKey123456").CallerId);
        Assert.Null(SafetyNetNote.Parse(note, "1.2", null).CallerId);
        Assert.Equal("1.2", SafetyNetNote.Parse(note, "1.2", null).UniqueId);
    }

    [Fact]
    public void ACallerWithoutANumberAndADamagedNoteGiveNoNumber()
    {
        Assert.Null(SafetyNetNote.Parse($"uniqueid=1.2 caller={SafetyNetNote.Seal(string.Empty, Key, "0123456789abcdef")}", "1.2", Key).CallerId);
        Assert.Null(SafetyNetNote.Parse("uniqueid=1.2 caller=not-base64!", "1.2", Key).CallerId);
        Assert.Null(SafetyNetNote.Parse("uniqueid=1.2 caller=QUJD", "1.2", Key).CallerId);
    }

    [Fact]
    public void ANoteOfTheEarlierDialplanIsStillRead()
    {
        var parsed = SafetyNetNote.Parse("uniqueid=1.2 did=15550100 callerid=5551234567 at=5", "1.2", null);

        Assert.Equal("5551234567", parsed.CallerId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(5), parsed.At);
    }
}
