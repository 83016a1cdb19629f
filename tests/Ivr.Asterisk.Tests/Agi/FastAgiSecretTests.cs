using Ivr.Asterisk.Agi;
using Ivr.Asterisk.Tests.Support;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: a fake Asterisk over real TCP against a server that requires the shared key.</summary>
public sealed class FastAgiSecretTests
{
    private const string Secret = "Zq8XvG3kLp0TnR2sYw5u";

    [Theory]
    [InlineData("test")]
    [InlineData("test?key=")]
    [InlineData("test?key=Zq8XvG3kLp0TnR2sYw5")]
    [InlineData("test?key=Zq8XvG3kLp0TnR2sYw5uX")]
    [InlineData("test?did=100&key=wrong")]
    public async Task ASessionWithoutTheRightKeyIsClosedBeforeTheScriptRuns(string script)
    {
        var ran = false;
        await using var fixture = AgiServerFixture.Start((_, _) => { ran = true; return Task.CompletedTask; }, o => { o.Secret = Secret; o.RequireSecret = true; });
        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint, script);

        Assert.True(await call.WaitForCloseAsync());
        Assert.False(ran);
        Assert.Empty(call.Commands);
        var refused = Assert.Single(fixture.Diagnostics, d => d.Event == "AgiRefused");
        Assert.DoesNotContain("key=", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionWithTheRightKeyRunsItsScript()
    {
        await using var fixture = AgiServerFixture.Start((channel, ct) => channel.SetVariableAsync("IVR_COMPLETED", "1", ct), o => { o.Secret = Secret; o.RequireSecret = true; });
        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint, $"test?did=100&key={Secret}");

        await call.ExpectAsync("SET VARIABLE IVR_COMPLETED 1", "200 result=1\n");
        Assert.True(await call.WaitForCloseAsync());
        Assert.DoesNotContain(fixture.Diagnostics, d => d.Event == "AgiRefused");
    }

    [Fact]
    public async Task AServerThatRequiresAKeyButHasNoneRefusesEverySession()
    {
        var ran = false;
        await using var fixture = AgiServerFixture.Start((_, _) => { ran = true; return Task.CompletedTask; }, o => o.RequireSecret = true);
        await using var call = await FakeAgiCall.ConnectAsync(fixture.EndPoint, "test?key=");

        Assert.True(await call.WaitForCloseAsync());
        Assert.False(ran);
    }

    [Theory]
    [InlineData(Secret, true)]
    [InlineData("zq8XvG3kLp0TnR2sYw5u", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TheKeyIsComparedExactly(string? presented, bool matches) =>
        Assert.Equal(matches, AgiSecret.Matches(presented, Secret));

    [Fact]
    public void AnEmptySecretMatchesNothing() => Assert.False(AgiSecret.Matches(string.Empty, string.Empty));
}
