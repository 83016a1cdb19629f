using Ivr.Domain.Dispatch;
using Ivr.Telephony.Dispatch;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Need nothing: configuration keys reach the options and both senders resolve as singletons.</summary>
public sealed class NotificationServiceCollectionExtensionsTests
{
    [Fact]
    public void ConfigurationBindsTheOptionsAndBothSendersAreSingletons()
    {
        using var provider = Provider(new Dictionary<string, string?>
        {
            ["Notifications:PortalUrl"] = "https://portal.example.org",
            ["Notifications:AnsweringServicePhone"] = "+1 555 0100",
            ["Notifications:Smtp:Host"] = "mail.example.org",
            ["Notifications:Smtp:Port"] = "587",
            ["Notifications:Smtp:EnableSsl"] = "true",
            ["Notifications:Smtp:Timeout"] = "00:00:30",
            ["Notifications:Webhook:Secret"] = "s3cret",
        });

        var options = provider.GetRequiredService<IOptions<NotificationOptions>>().Value;

        Assert.Equal("https://portal.example.org", options.PortalUrl);
        Assert.Equal("+1 555 0100", options.AnsweringServicePhone);
        Assert.Equal(("mail.example.org", 587, true, TimeSpan.FromSeconds(30)), (options.Smtp.Host, options.Smtp.Port, options.Smtp.EnableSsl, options.Smtp.Timeout));
        Assert.Equal("answering-service@localhost", options.Smtp.From);
        Assert.Equal(SecureSocketOptions.StartTls, options.Smtp.EffectiveSecurity);
        Assert.Equal("s3cret", options.Webhook.Secret);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Webhook.Timeout);
        Assert.IsType<SmtpEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.Same(provider.GetRequiredService<IWebhookSender>(), provider.GetRequiredService<IWebhookSender>());
    }

    [Theory]
    [InlineData(null, "false", SecureSocketOptions.None)]
    [InlineData(null, "true", SecureSocketOptions.StartTls)]
    [InlineData("SslOnConnect", "false", SecureSocketOptions.SslOnConnect)]
    [InlineData("StartTlsWhenAvailable", "true", SecureSocketOptions.StartTlsWhenAvailable)]
    public void SecurityWinsOverEnableSslWhenSet(string? security, string enableSsl, SecureSocketOptions expected)
    {
        using var provider = Provider(new Dictionary<string, string?> { ["Notifications:Smtp:Security"] = security, ["Notifications:Smtp:EnableSsl"] = enableSsl });

        Assert.Equal(expected, provider.GetRequiredService<IOptions<NotificationOptions>>().Value.Smtp.EffectiveSecurity);
    }

    [Theory]
    [InlineData("Notifications:PortalUrl", "portal.example.org")]
    [InlineData("Notifications:Smtp:Port", "0")]
    [InlineData("Notifications:Smtp:From", "not an address")]
    [InlineData("Notifications:Smtp:PinnedCertificateSha256", "ab:cd")]
    [InlineData("Notifications:Webhook:Timeout", "00:00:00")]
    public void ABadValueIsRefusedNamingTheKey(string key, string value)
    {
        using var provider = Provider(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IWebhookSecretStore, NoSecrets>().AddNotifications(configuration).BuildServiceProvider();
    }

    private sealed class NoSecrets : IWebhookSecretStore
    {
        public Task<IReadOnlyList<string>> SigningSecretsAsync(string practiceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public Task<string> RotateAsync(string practiceId, DateTimeOffset now, TimeSpan overlap, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
