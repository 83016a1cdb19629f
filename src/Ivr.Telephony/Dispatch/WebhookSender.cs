using System.Globalization;
using System.Text;
using System.Text.Json;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Practices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Posts notices as signed JSON (see <see cref="WebhookSignature"/>):
/// <c>{"event":"message.urgent"|"report.morning"|"summary.patched-call","deliveryId","practiceId","practiceName","messageIds":[…],"step","at","portalUrl"}</c>,
/// where <c>portalUrl</c> is where clinicians sign in (a message is at <c>{portalUrl}/messages/{id}</c>) and
/// <c>deliveryId</c> is unique per post, so a receiver can refuse a replay. Signed with the practice's own
/// secret (and, during a rotation's overlap, the previous one too); the configured
/// <c>Notifications:Webhook:Secret</c> only signs for a practice that has none yet. Only https (or http to a
/// loopback address) is posted to, and redirects are not followed: a 3xx is a failed delivery.
/// A delivery failure is a result, not an exception; cancellation throws. Logs name the receiver's host only,
/// since webhook URLs often carry a token in their path.
/// </summary>
public sealed class WebhookSender : IWebhookSender, IDisposable
{
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;
    private readonly IWebhookSecretStore _secrets;
    private readonly HttpClient _http;

    public WebhookSender(IOptions<NotificationOptions> options, IWebhookSecretStore secrets, TimeProvider time, ILogger<WebhookSender> logger)
    {
        _options = options.Value;
        _secrets = secrets;
        _time = time;
        _logger = logger;
        // One client for the process; a bounded connection lifetime lets DNS changes of receivers take effect.
        // The timeout is kept per send on the injected clock, not by HttpClient's own timer.
        // A redirect is not followed: it could lead the post (and its signature) to a host the practice never named.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<DeliveryResult> SendAsync(string url, Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(notice);
        if (PracticeRules.WebhookUrl(url) is not null || !Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            _logger.LogWarning("Webhook {Kind} for practice {PracticeId} not sent: not an https URL", notice.Kind, notice.PracticeId);
            return DeliveryResult.Failed("not an https URL");
        }

        var now = _time.GetUtcNow();
        var secrets = await _secrets.SigningSecretsAsync(notice.PracticeId, now, cancellationToken);
        if (secrets.Count == 0 && !string.IsNullOrEmpty(_options.Webhook.Secret))
        {
            secrets = [_options.Webhook.Secret];
        }

        if (secrets.Count == 0)
        {
            _logger.LogWarning("Webhook {Kind} for practice {PracticeId} not sent: webhooks are not configured", notice.Kind, notice.PracticeId);
            return DeliveryResult.Failed("webhooks are not configured");
        }

        var receiver = target.GetLeftPart(UriPartial.Authority);
        var deliveryId = Guid.CreateVersion7(now).ToString("D");
        var body = Body(notice, _options.PortalUrl, deliveryId);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);

        using var deadline = new CancellationTokenSource(_options.Webhook.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string failure;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {receiver}");
                _logger.LogInformation("Webhook {Kind} for practice {PracticeId} accepted by {Receiver}: HTTP {Status}", notice.Kind, notice.PracticeId, receiver, (int)response.StatusCode);
                return DeliveryResult.Ok(detail);
            }

            failure = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = string.Create(CultureInfo.InvariantCulture, $"timed out after {_options.Webhook.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            failure = e.Message;
        }

        _logger.LogWarning("Webhook {Kind} for practice {PracticeId} to {Receiver} failed: {Reason}", notice.Kind, notice.PracticeId, receiver, failure);
        return DeliveryResult.Failed(failure);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The JSON posted for a notice; built field by field so names and order are fixed for receivers.</summary>
    public static string Body(Notice notice, string portalUrl, string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(notice);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", EventName(notice.Kind));
            json.WriteString("deliveryId", deliveryId);
            json.WriteString("practiceId", notice.PracticeId);
            json.WriteString("practiceName", notice.PracticeName);
            json.WriteStartArray("messageIds");
            foreach (var id in notice.MessageIds)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WriteNumber("step", notice.Step);
            json.WriteString("at", notice.At);
            json.WriteString("portalUrl", portalUrl.TrimEnd('/'));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary><c>message.urgent</c>, <c>report.morning</c> or <c>summary.patched-call</c>.</summary>
    public static string EventName(NoticeKind kind) => kind switch
    {
        NoticeKind.UrgentMessageWaiting => "message.urgent",
        NoticeKind.MorningReport => "report.morning",
        NoticeKind.PatchSummary => "summary.patched-call",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notice kind."),
    };
}
