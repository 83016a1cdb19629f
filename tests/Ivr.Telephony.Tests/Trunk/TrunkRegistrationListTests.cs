using Ivr.Telephony.Trunk;
using static Ivr.Testing.AmiEvents;

namespace Ivr.Telephony.Tests.Trunk;

/// <summary>Needs nothing: the registration's state read from PJSIPShowRegistrationsOutbound's events in Asterisk 22's shape.</summary>
public sealed class TrunkRegistrationListTests
{
    [Theory]
    [InlineData("Registered", TrunkRegistrationState.Registered)]
    [InlineData("Unregistered", TrunkRegistrationState.Unregistered)]
    [InlineData("Rejected", TrunkRegistrationState.Rejected)]
    [InlineData("Stopped", TrunkRegistrationState.Stopped)]
    [InlineData("Stopping", TrunkRegistrationState.Stopped)]
    public void TheTrunksRegistrationIsReadByItsName(string status, TrunkRegistrationState expected)
    {
        var list = new[] { OutboundRegistrationDetail("other", "Registered"), OutboundRegistrationDetail("carrier", status), AuthDetail("carrier-auth", "secret") };

        Assert.Equal(expected, TrunkRegistrationList.Read(list, "carrier"));
    }

    [Fact]
    public void ATrunkAsteriskDoesNotHaveIsMissing() =>
        Assert.Equal(TrunkRegistrationState.Missing, TrunkRegistrationList.Read([OutboundRegistrationDetail("other", "Registered")], "carrier"));

    [Fact]
    public void OnlyAPjsipRegistryEventIsAChangeWorthAsking()
    {
        Assert.True(TrunkRegistrationList.IsRegistryChange(Registry("Rejected")));
        Assert.False(TrunkRegistrationList.IsRegistryChange(FullyBooted()));
    }
}
