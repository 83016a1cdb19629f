using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Domain.Dispatch;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>
/// Need a free loopback port: an in-process SMTP server (<see cref="FakeSmtpServer"/>) speaking the real
/// protocol, STARTTLS included; delivery to a real mail server is in the end-to-end tests.
/// </summary>
public sealed class SmtpEmailSenderTests
{
    private const string Password = "s3cret-relay-password";

    private static readonly Notice Urgent = new(
        NoticeKind.UrgentMessageWaiting, "riverside-pediatrics", "Riverside Pediatrics", [42], 0, new DateTimeOffset(2026, 3, 14, 2, 10, 0, TimeSpan.FromHours(-4)));

    [Theory]
    [InlineData("dr.lee@riverside.example", "***@riverside.example")]
    [InlineData("a@b", "***@b")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "(none)")]
    [InlineData(null, "(none)")]
    public void MaskAddressKeepsTheDomainOnly(string? address, string expected) =>
        Assert.Equal(expected, SmtpEmailSender.MaskAddress(address));

    [Fact]
    public async Task APlainNoticeArrivesAsUtf8TextWithTheSubjectAndThePortalLink()
    {
        await using var server = new FakeSmtpServer();
        var options = NotificationsOn(server.Port);
        options.PortalUrl = "https://portal.example.org";
        var sender = new SmtpEmailSender(Options.Create(options), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.Equal(DeliveryResult.Ok($"accepted by 127.0.0.1:{server.Port}"), result);
        var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(server.Mails))));
        Assert.Equal("dr.lee@riverside.example", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("answering-service@localhost", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Urgent message waiting — Riverside Pediatrics", mail.Subject);
        var body = Assert.IsType<TextPart>(mail.Body);
        Assert.Equal(("text/plain", "utf-8"), (body.ContentType.MimeType, body.ContentType.Charset));
        Assert.Equal(NoticeText.Body(Urgent, options), mail.TextBody);
        Assert.Contains("https://portal.example.org/messages/42", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("QUIT", server.Commands);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(SecureSocketOptions.None, false)]
    [InlineData(SecureSocketOptions.StartTlsWhenAvailable, false)]
    public async Task CredentialsAreNeverSentOverAConnectionThatIsNotEncrypted(SecureSocketOptions? security, bool enableSsl)
    {
        await using var server = new FakeSmtpServer(offerStartTls: false);
        var options = NotificationsOn(server.Port);
        options.Smtp.Security = security;
        options.Smtp.EnableSsl = enableSsl;
        options.Smtp.Username = "relay-user";
        options.Smtp.Password = Password;
        var logger = new ListLogger<SmtpEmailSender>();
        var sender = new SmtpEmailSender(Options.Create(options), logger);

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.False(result.Accepted);
        Assert.Contains("not encrypted", result.Detail, StringComparison.Ordinal);
        Assert.Empty(server.Mails);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) || c.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(server.Commands, c => c.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password))[..8], StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("not encrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartTlsWithThePinnedCertificateAuthenticatesAndSends()
    {
        await using var server = new FakeSmtpServer(offerStartTls: true);
        var options = NotificationsOn(server.Port);
        options.Smtp.EnableSsl = true;
        options.Smtp.Username = "relay-user";
        options.Smtp.Password = Password;
        options.Smtp.PinnedCertificateSha256 = string.Join(':', Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(server.Certificate.RawData)).Chunk(2).Select(c => new string(c)));
        var sender = new SmtpEmailSender(Options.Create(options), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.True(result.Accepted, result.Detail);
        Assert.True(server.UsedTls);
        var commands = server.Commands;
        Assert.True(commands.ToList().FindIndex(c => c == "STARTTLS") < commands.ToList().FindIndex(c => c.StartsWith("AUTH", StringComparison.Ordinal)));
        Assert.Single(server.Mails);
    }

    [Fact]
    public async Task AServerCertificateThatIsNeitherTrustedNorPinnedIsRefusedBeforeAnythingIsSent()
    {
        await using var server = new FakeSmtpServer(offerStartTls: true);
        var options = NotificationsOn(server.Port);
        options.Smtp.EnableSsl = true;
        options.Smtp.Username = "relay-user";
        options.Smtp.Password = Password;
        var sender = new SmtpEmailSender(Options.Create(options), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.False(result.Accepted);
        Assert.Empty(server.Mails);
        Assert.DoesNotContain(server.Commands, c => c.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AServerThatRefusesTheConnectionIsAFailedDeliveryAndLogsNeverSpellTheAddress()
    {
        var logger = new ListLogger<SmtpEmailSender>();
        var sender = new SmtpEmailSender(Options.Create(NotificationsOn(ClosedPort())), logger);

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.False(result.Accepted);
        Assert.DoesNotContain("dr.lee", result.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(logger.Lines, line => line.Contains("***@riverside.example", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, line => line.Contains("dr.lee", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AServerThatNeverGreetsIsAFailedDeliveryOnceTheTimeoutHasPassed()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = new SmtpEmailSender(Options.Create(NotificationsOn(((IPEndPoint)silent.LocalEndpoint).Port)), new ListLogger<SmtpEmailSender>(), time);

        var sending = sender.SendAsync("dr.lee@riverside.example", Urgent);
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(DeliveryResult.Failed("timed out after 15 s"), await sending.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ACallerWhoCancelsGetsACancellationNotAResult()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var sender = new SmtpEmailSender(Options.Create(NotificationsOn(((IPEndPoint)silent.LocalEndpoint).Port)), new ListLogger<SmtpEmailSender>());
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync("dr.lee@riverside.example", Urgent, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task ANonAddressIsAFailedDeliveryWithoutContactingTheServer()
    {
        await using var server = new FakeSmtpServer();
        var sender = new SmtpEmailSender(Options.Create(NotificationsOn(server.Port)), new ListLogger<SmtpEmailSender>());

        Assert.Equal(DeliveryResult.Failed("not an email address"), await sender.SendAsync("not an address", Urgent));
        Assert.Empty(server.Commands);
    }

    private static NotificationOptions NotificationsOn(int port)
    {
        var options = new NotificationOptions();
        options.Smtp.Port = port;
        return options;
    }

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
