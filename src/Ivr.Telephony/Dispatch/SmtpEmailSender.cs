using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ivr.Domain.Dispatch;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Hands notices to the configured mail server as plain UTF-8 text (<see cref="NoticeText"/>) with
/// MailKit. A delivery failure is a result, not an exception; cancellation throws. Credentials are
/// only ever sent over an encrypted connection. Logs name the recipient's domain only.
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options, ILogger<SmtpEmailSender> logger, TimeProvider? time = null) : IEmailSender
{
    private readonly NotificationOptions _options = options.Value;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(notice);
        var smtp = _options.Smtp;
        var masked = MaskAddress(address);
        if (!SmtpAddress.TryParse(address, out var to) || !SmtpAddress.TryParse(smtp.From, out var from))
        {
            logger.LogWarning("Email {Kind} for practice {PracticeId} to {Recipient} not sent: not an address", notice.Kind, notice.PracticeId, masked);
            return DeliveryResult.Failed("not an email address");
        }

        var body = new TextPart(MimeKit.Text.TextFormat.Plain);
        body.SetText(Encoding.UTF8, NoticeText.Body(notice, _options));
        using var message = new MimeMessage([from], [to], NoticeText.Subject(notice), body);

        // The whole send (connect, TLS, authentication, data) is bounded here, on the injected clock.
        using var deadline = new CancellationTokenSource(smtp.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string? failure;
        try
        {
            failure = await SendAsync(smtp, message, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"timed out after {smtp.Timeout.TotalSeconds:0.#} s");
        }
        catch (SmtpCommandException e)
        {
            // A server's reply may quote the recipient; the detail is stored and logged, so it is masked too.
            failure = string.Create(CultureInfo.InvariantCulture, $"SMTP {(int)e.StatusCode}: {e.Message}").Replace(address, masked, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
            or IOException or SocketException or TimeoutException)
        {
            failure = e.Message.Replace(address, masked, StringComparison.OrdinalIgnoreCase);
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

    /// <summary>Null when the server took the mail, else why not; nothing is sent after a refusal.</summary>
    private static async Task<string?> SendAsync(SmtpOptions smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient
        {
            Timeout = (int)Math.Min(int.MaxValue, smtp.Timeout.TotalMilliseconds),
            ServerCertificateValidationCallback = SmtpCertificatePin.Validator(smtp.PinnedCertificateSha256),
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.EffectiveSecurity, cancellationToken);
        try
        {
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                if (!client.IsEncrypted)
                {
                    return "refused to send the SMTP credentials over a connection that is not encrypted "
                        + "(set Notifications:Smtp:EnableSsl, or Security to StartTls or SslOnConnect)";
                }

                await client.AuthenticateAsync(new NetworkCredential(smtp.Username, smtp.Password), cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return null;
        }
        finally
        {
            // After a refusal or a failure the socket is just closed: a QUIT could wait on a server that no longer answers.
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: false, CancellationToken.None);
            }
        }
    }
}
