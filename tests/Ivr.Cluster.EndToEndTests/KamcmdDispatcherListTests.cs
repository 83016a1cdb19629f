using Ivr.Cluster.EndToEndTests.Support;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>Needs nothing: the dispatcher's list as kamcmd prints it (captured from Kamailio 5.6).</summary>
public sealed class KamcmdDispatcherListTests
{
    private const string Captured = """
        {
        	NRSETS: 1
        	RECORDS: {
        		SET: {
        			ID: 1
        			TARGETS: {
        				DEST: {
        					URI: sip:127.0.0.1:5162
        					FLAGS: AP
        					PRIORITY: 0
        				}
        				DEST: {
        					URI: sip:127.0.0.1:5161
        					FLAGS: IP
        					PRIORITY: 0
        				}
        			}
        		}
        	}
        }
        """;

    [Fact]
    public void EachDestinationIsReadWithItsFlags()
    {
        var destinations = KamcmdDispatcherList.Parse(Captured);

        Assert.Equal(2, destinations.Count);
        Assert.Equal("AP", destinations["sip:127.0.0.1:5162"]);
        Assert.Equal("IP", destinations["sip:127.0.0.1:5161"]);
    }

    [Theory]
    [InlineData("AP", true, false)]
    [InlineData("A", true, false)]
    [InlineData("IP", false, true)]
    [InlineData("DX", false, true)]
    [InlineData("TP", false, false)]
    public void FlagsSayWhetherADestinationTakesNewCalls(string flags, bool takesCalls, bool outOfTheSet)
    {
        Assert.Equal(takesCalls, KamcmdDispatcherList.TakesCalls(flags));
        Assert.Equal(outOfTheSet, KamcmdDispatcherList.IsOutOfTheSet(flags));
    }

    [Fact]
    public void NoOutputHasNoDestinations() => Assert.Empty(KamcmdDispatcherList.Parse(string.Empty));
}
