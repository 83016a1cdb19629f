using Ivr.Asterisk.Ami;
using Ivr.Telephony.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Telephony.Tests.Hosting;

/// <summary>Needs nothing: which Asterisk server carries a call, read from the ids the service makes of its uniqueid.</summary>
public sealed class AsteriskServersTests
{
    private static readonly AsteriskDiagnosticsLogger Diagnostics = new(NullLogger<AsteriskDiagnosticsLogger>.Instance);
    private readonly AmiConnectionService _a1 = new("ivr-a1", new AmiClientOptions(), Diagnostics, NullLogger.Instance);
    private readonly AmiConnectionService _a2 = new("ivr-a2", new AmiClientOptions(), Diagnostics, NullLogger.Instance);

    [Theory]
    [InlineData("ivr-a2-1764730000.17")]
    [InlineData("ivr-ivr-a2-1764730000.17")]
    [InlineData("desk-ivr-a2-1764730000.17-op2")]
    public void ACallWhoseUniqueIdBeginsWithAServersNameIsCarriedByThatServer(string id)
    {
        var servers = new AsteriskServers([_a1, _a2]);

        Assert.Same(_a2, servers.For(id));
        Assert.Same(_a1, servers.For(id.Replace("ivr-a2", "ivr-a1", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1764730000.17")]
    [InlineData("ivr-1764730000.17")]
    [InlineData("ivr-a3-1764730000.17")]
    [InlineData("")]
    public void AnIdNamingNoKnownServerIsTheProcesssOwn(string id) => Assert.Same(_a1, new AsteriskServers([_a1, _a2]).For(id));

    [Fact]
    public void AServerIsFoundByNameAndAnUnknownNameIsTheProcesssOwn()
    {
        var servers = new AsteriskServers([_a2, _a1]);

        Assert.Same(_a1, servers.Named("ivr-a1"));
        Assert.Same(_a2, servers.Named("elsewhere"));
        Assert.Same(_a2, servers.Named(null));
    }
}
