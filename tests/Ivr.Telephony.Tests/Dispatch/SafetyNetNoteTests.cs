using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Needs nothing: the safety net's note, read from its text alone.</summary>
public sealed class SafetyNetNoteTests
{
    [Fact]
    public void ANoteAsTheDialplanWritesItIsRead()
    {
        var note = SafetyNetNote.Parse("uniqueid=1763795400.5 did=15550100 callerid=+15551112222 at=1763795400\n", "1763795400.5");

        Assert.Equal(new SafetyNetNote("1763795400.5", "15550100", "+15551112222", DateTimeOffset.FromUnixTimeSeconds(1763795400)), note);
    }

    [Fact]
    public void AnAnonymousCallerHasNoCallerId() =>
        Assert.Null(SafetyNetNote.Parse("uniqueid=1763795400.5 did=15550100 callerid= at=1763795400", "1763795400.5").CallerId);

    [Theory]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 callerid=5553334444 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 at=yesterday", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222;DROP at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=../../keys/phi.key at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 name=Jane at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=1555-0100 callerid=5551112222 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.6 did=15550100 callerid=5551112222 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=5551112222 at=1763795400", "../1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 callerid=555111222233334444555 at=1763795400", "1763795400.5")]
    [InlineData("uniqueid=1763795400.5 did=15550100 5551112222 at=1763795400", "1763795400.5")]
    public void ANoteTheDialplanWouldNotWriteIsRefusedWithoutRepeatingItsText(string text, string fileUniqueId)
    {
        var refused = Assert.Throws<FormatException>(() => SafetyNetNote.Parse(text, fileUniqueId));

        Assert.DoesNotContain("555", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", refused.Message, StringComparison.Ordinal);
    }
}
