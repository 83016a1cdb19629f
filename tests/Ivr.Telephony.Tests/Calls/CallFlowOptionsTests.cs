using Ivr.Domain.Flow;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>Needs nothing: a <c>CallFlow</c> section no call could run with is refused by name when the options are first read (at the host's start).</summary>
public sealed class CallFlowOptionsTests
{
    [Theory]
    [InlineData("MenuTimeout", "00:00:00", "CallFlow:MenuTimeout must be longer than zero")]
    [InlineData("MessageMaxDuration", "-00:00:05", "CallFlow:MessageMaxDuration must be longer than zero")]
    [InlineData("MenuAttempts", "0", "CallFlow:MenuAttempts must be at least 1")]
    [InlineData("PagePlays", "0", "CallFlow:PagePlays must be at least 1")]
    [InlineData("MaxCallbackDigits", "5", "CallFlow:MaxCallbackDigits (5) must be from CallFlow:MinCallbackDigits (7) to 20")]
    public void ASettingNoCallCouldRunWithIsRefusedByName(string setting, string value, string complaint)
    {
        using var services = Services(new Dictionary<string, string?> { [$"CallFlow:{setting}"] = value });

        var refused = Assert.ThrowsAny<ArgumentException>(() => services.GetRequiredService<IOptions<CallFlowOptions>>().Value);

        Assert.Contains(complaint, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAndTheEndToEndTestsShorterMenuAreAccepted()
    {
        using var services = Services(new Dictionary<string, string?> { ["CallFlow:MenuTimeout"] = "00:00:04" });

        var options = services.GetRequiredService<IOptions<CallFlowOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(4), options.MenuTimeout);
        new CallFlowOptions().Validate();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddCallHandling(configuration);
        return services.BuildServiceProvider();
    }
}
