using Ivr.Domain.Flow;

namespace Ivr.Domain.Tests.Flow;

/// <summary>Needs nothing: the one type that names a call's recordings and recognises them again.</summary>
public sealed class RecordingNameTests
{
    [Theory]
    [InlineData("1700000000.42-name-1.wav", "1700000000.42", "name", 1)]
    [InlineData("/var/spool/ivr/1700000000.42-message-12.wav", "1700000000.42", "message", 12)]
    [InlineData("pbx-east-1700000000.42-message-3", "pbx-east-1700000000.42", "message", 3)]
    public void ANameItBuiltIsReadBack(string file, string uniqueId, string kind, int take)
    {
        Assert.True(RecordingName.TryParse(file, out var name));
        Assert.Equal(new RecordingName(uniqueId, kind, take), name);
        Assert.StartsWith(name!.ToString(), Path.GetFileName(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1700000000.42-name-1.wav.enc")]
    [InlineData("1700000000.42-greeting-1.wav")]
    [InlineData("1700000000.42-name-x.wav")]
    [InlineData("1700000000.42.wav")]
    [InlineData("name-1.wav")]
    public void AnythingElseIsNotACallsRecording(string file) => Assert.False(RecordingName.TryParse(file, out _));

    [Fact]
    public void ARecordingBelongsToItsOwnCallOnly()
    {
        var file = new RecordingName("1700000000.4", RecordingName.Message, 2) + ".wav";
        Assert.True(RecordingName.IsOfCall(file, "1700000000.4"));
        Assert.False(RecordingName.IsOfCall(file, "1700000000.42"));
        Assert.False(RecordingName.IsOfCall("1700000000.42-name-1.wav", "1700000000.4"));
    }
}
