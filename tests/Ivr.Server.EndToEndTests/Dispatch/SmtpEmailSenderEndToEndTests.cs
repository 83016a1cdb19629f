using Ivr.Domain.Dispatch;
using Ivr.Telephony.Dispatch;
using Ivr.Server.EndToEndTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ivr.Server.EndToEndTests.Dispatch;

/// <summary>Need a real SMTP server (<see cref="SmtpSink"/>: aiosmtpd on loopback) and no Asterisk.</summary>
public sealed class SmtpEmailSenderEndToEndTests
{
    [Fact]
    public async Task AnUrgentNoticeArrivesAsPlainTextWithTheSubjectAndThePortalLinkAndNothingElse()
    {
        await using var sink = await SmtpSink.StartAsync();
        var options = new NotificationOptions { PortalUrl = "https://portal.example.org" };
        options.Smtp.Port = sink.Port;
        var sender = new SmtpEmailSender(Options.Create(options), NullLogger<SmtpEmailSender>.Instance);
        var notice = new Notice(NoticeKind.UrgentMessageWaiting, "riverside-pediatrics", "Riverside Pediatrics", [42], 1, DateTimeOffset.UtcNow);

        var result = await sender.SendAsync("dr.lee@riverside.example", notice);
        var mail = Assert.Single(await sink.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));

        Assert.Equal(DeliveryResult.Ok($"accepted by 127.0.0.1:{sink.Port}"), result);
        Assert.Equal("dr.lee@riverside.example", MailText.Header(mail, "To"));
        Assert.Equal("answering-service@localhost", MailText.Header(mail, "From"));
        Assert.Equal("Urgent message waiting — Riverside Pediatrics", MailText.Header(mail, "Subject"));
        Assert.StartsWith("text/plain; charset=utf-8", MailText.Header(mail, "Content-Type"), StringComparison.Ordinal);
        var body = MailText.Body(mail);
        Assert.Contains("\nhttps://portal.example.org/messages/42\n", body, StringComparison.Ordinal);
        Assert.Equal(NoticeText.Body(notice, options), body);
    }

    [Fact]
    public async Task AMailServerThatIsGoneGivesAFailedDeliveryNotAnException()
    {
        int port;
        await using (var sink = await SmtpSink.StartAsync())
        {
            port = sink.Port;
        }

        var options = new NotificationOptions();
        options.Smtp.Port = port;
        var sender = new SmtpEmailSender(Options.Create(options), NullLogger<SmtpEmailSender>.Instance);

        var result = await sender.SendAsync("dr.lee@riverside.example", new Notice(NoticeKind.MorningReport, "h", "Harbor", [1], 0, DateTimeOffset.UtcNow));

        Assert.False(result.Accepted);
    }
}
