using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using Ivr.Domain.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Dispatch;

/// <summary>
/// Hands notices to the configured mail server as plain UTF-8 text (<see cref="NoticeText"/>). A
/// delivery failure is a result, not an exception; cancellation throws. Logs name the recipient's
/// domain only.
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private readonly NotificationOptions _options = options.Value;

    public async Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(notice);
        var smtp = _options.Smtp;
        var masked = MaskAddress(address);
        if (!MailAddress.TryCreate(address, out var to))
        {
            logger.LogWarning("Email {Kind} for practice {PracticeId} to {Recipient} not sent: not an address", notice.Kind, notice.PracticeId, masked);
            return DeliveryResult.Failed("not an email address");
        }

        using var message = new MailMessage(new MailAddress(smtp.From), to)
        {
            Subject = NoticeText.Subject(notice),
            SubjectEncoding = Encoding.UTF8,
            Body = NoticeText.Body(notice, _options),
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
        };
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        }

        // SmtpClient.Timeout applies to Send only; the async send is bounded here.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(smtp.Timeout);
        string? failure;
        try
        {
            await client.SendMailAsync(message, deadline.Token);
            failure = null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"timed out after {smtp.Timeout.TotalSeconds:0.#} s");
        }
        catch (SmtpException e)
        {
            // A server's reply may quote the recipient; the detail is stored and logged, so it is masked too.
            failure = Describe(e).Replace(address, masked, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException)
        {
            failure = e.Message;
        }

        if (failure is not null)
        {
            logger.LogWarning("Email {Kind} for practice {PracticeId} to {Recipient} failed: {Reason}", notice.Kind, notice.PracticeId, masked, failure);
            return DeliveryResult.Failed(failure);
        }

        var server = string.Create(CultureInfo.InvariantCulture, $"{smtp.Host}:{smtp.Port}");
        logger.LogInformation("Email {Kind} for practice {PracticeId} to {Recipient} accepted by {Server}", notice.Kind, notice.PracticeId, masked, server);
        return DeliveryResult.Ok("accepted by " + server);
    }

    /// <summary>
    /// Keeps the domain and hides the mailbox (<c>dr.lee@riverside.example</c> → <c>***@riverside.example</c>):
    /// enough to tell which practice's mail failed, without spelling out anyone's address.
    /// </summary>
    public static string MaskAddress(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }

        var at = address.LastIndexOf('@');
        return at < 0 ? "***" : "***" + address[at..];
    }

    /// <summary>The server's reply code when there was one; "Failure sending mail." alone says nothing, so the inner exception says why.</summary>
    private static string Describe(SmtpException e)
    {
        var reason = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
        return (int)e.StatusCode >= 200 ? string.Create(CultureInfo.InvariantCulture, $"SMTP {(int)e.StatusCode}: {reason}") : reason;
    }
}
