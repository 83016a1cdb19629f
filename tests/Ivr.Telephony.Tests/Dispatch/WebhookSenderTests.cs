using System.Net;
using System.Text.Json;
using Ivr.Domain.Dispatch;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Need a loopback port: real HTTP posts to an in-process <see cref="WebhookReceiver"/>.</summary>
public sealed class WebhookSenderTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 6, 10, 0, TimeSpan.Zero);

    private static readonly Notice Urgent = new(
        NoticeKind.UrgentMessageWaiting, "riverside-pediatrics", "Riverside Pediatrics", [42], 1, new DateTimeOffset(2026, 3, 14, 2, 9, 30, TimeSpan.FromHours(-4)));

    [Fact]
    public async Task APostCarriesTheNoticeAsJsonWithASignatureTheReceiverCanVerify()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender();

        var result = await sender.SendAsync(receiver.Url, Urgent);
        var received = await receiver.NextAsync(Wait);

        Assert.True(result.Accepted, result.Detail);
        Assert.Equal("/hooks/ivr", received.Path);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.Equal("1773468600", received.Timestamp);
        Assert.True(WebhookSignature.Verify(Secret, received.Timestamp, received.Signature, received.Body, Now.AddSeconds(30), WebhookSignature.DefaultTolerance));
        using var json = JsonDocument.Parse(received.Body);
        var deliveryId = json.RootElement.GetProperty("deliveryId").GetString()!;
        Assert.True(Guid.TryParse(deliveryId, out _), deliveryId);
        Assert.Equal(
            $$"""{"event":"message.urgent","deliveryId":"{{deliveryId}}","practiceId":"riverside-pediatrics","practiceName":"Riverside Pediatrics","messageIds":[42],"step":1,"at":"2026-03-14T02:09:30-04:00","portalUrl":"https://portal.example.org"}""",
            received.Body);
    }

    [Fact]
    public void APatchedCallsSummaryIsItsOwnEventWithTheSameFields()
    {
        var summary = Urgent with { Kind = NoticeKind.PatchSummary, MessageIds = [57], Step = 0 };

        Assert.Equal("summary.patched-call", WebhookSender.EventName(NoticeKind.PatchSummary));
        Assert.Equal(
            """{"event":"summary.patched-call","deliveryId":"d-1","practiceId":"riverside-pediatrics","practiceName":"Riverside Pediatrics","messageIds":[57],"step":0,"at":"2026-03-14T02:09:30-04:00","portalUrl":"https://portal.example.org"}""",
            WebhookSender.Body(summary, "https://portal.example.org/", "d-1"));
    }

    [Fact]
    public async Task EveryPostCarriesItsOwnDeliveryIdInsideTheSignedBody()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender();

        await sender.SendAsync(receiver.Url, Urgent);
        await sender.SendAsync(receiver.Url, Urgent);
        var first = await receiver.NextAsync(Wait);
        var second = await receiver.NextAsync(Wait);

        static string Id(ReceivedWebhook webhook) => JsonDocument.Parse(webhook.Body).RootElement.GetProperty("deliveryId").GetString()!;
        Assert.NotEqual(Id(first), Id(second));
        var tampered = second.Body.Replace(Id(second), Id(first), StringComparison.Ordinal);
        Assert.False(WebhookSignature.Verify(Secret, second.Timestamp, second.Signature, tampered, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public async Task ThePracticesOwnSecretSignsNotTheConfiguredOne()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender(practiceSecrets: ["whsec_practice"]);

        await sender.SendAsync(receiver.Url, Urgent);
        var received = await receiver.NextAsync(Wait);

        Assert.True(WebhookSignature.Verify("whsec_practice", received.Timestamp, received.Signature, received.Body, Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, received.Timestamp, received.Signature, received.Body, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public async Task DuringARotationsOverlapBothSecretsSignAndAReceiverHoldingEitherAccepts()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender(practiceSecrets: ["whsec_new", "whsec_old"]);

        await sender.SendAsync(receiver.Url, Urgent);
        var received = await receiver.NextAsync(Wait);

        Assert.Equal(2, received.Signature!.Split(',').Length);
        Assert.True(WebhookSignature.Verify("whsec_new", received.Timestamp, received.Signature, received.Body, Now, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify("whsec_old", received.Timestamp, received.Signature, received.Body, Now, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify("whsec_other", received.Timestamp, received.Signature, received.Body, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public async Task ARedirectIsAFailedDeliveryAndIsNotFollowed()
    {
        await using var elsewhere = WebhookReceiver.Start();
        await using var receiver = WebhookReceiver.Start(HttpStatusCode.TemporaryRedirect, location: elsewhere.Url);
        using var sender = Sender();

        var result = await sender.SendAsync(receiver.Url, Urgent);
        await receiver.NextAsync(Wait);

        Assert.Equal(DeliveryResult.Failed("HTTP 307"), result);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => elsewhere.NextAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task AMorningReportIsPostedAsReportMorningWithEveryMessageId()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender();

        await sender.SendAsync(receiver.Url, new Notice(NoticeKind.MorningReport, "harbor", "Harbor Internal Medicine", [7, 8, 9], 0, Now));
        using var body = JsonDocument.Parse((await receiver.NextAsync(Wait)).Body);

        Assert.Equal("report.morning", body.RootElement.GetProperty("event").GetString());
        Assert.Equal([7L, 8L, 9L], body.RootElement.GetProperty("messageIds").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task AServerErrorIsAFailedDeliveryNotAnException()
    {
        await using var receiver = WebhookReceiver.Start(HttpStatusCode.InternalServerError);
        using var sender = Sender();

        var result = await sender.SendAsync(receiver.Url, Urgent);

        Assert.Equal(DeliveryResult.Failed("HTTP 500"), result);
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersInTimeIsAFailedDeliveryOnceTheTimeoutHasPassed()
    {
        await using var receiver = WebhookReceiver.Start(delay: TimeSpan.FromMinutes(5));
        var time = new FakeTimeProvider(Now);
        using var sender = Sender(time: time);

        var sending = sender.SendAsync(receiver.Url, Urgent);
        await receiver.NextAsync(TimeSpan.FromSeconds(30));
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(DeliveryResult.Failed("timed out after 10 s"), await sending.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ACallerWhoCancelsGetsACancellationNotAResult()
    {
        await using var receiver = WebhookReceiver.Start(delay: TimeSpan.FromMinutes(5));
        using var sender = Sender();
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync(receiver.Url, Urgent, cancel.Token);
        await receiver.NextAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task NothingListeningIsAFailedDelivery()
    {
        string url;
        await using (var receiver = WebhookReceiver.Start())
        {
            url = receiver.Url;
        }

        using var sender = Sender();

        Assert.False((await sender.SendAsync(url, Urgent)).Accepted);
    }

    [Fact]
    public async Task WithoutASecretNothingIsPosted()
    {
        await using var receiver = WebhookReceiver.Start();
        using var sender = Sender(secret: string.Empty);

        var result = await sender.SendAsync(receiver.Url, Urgent);

        Assert.Equal(DeliveryResult.Failed("webhooks are not configured"), result);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiver.NextAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.org/hook")]
    [InlineData("http://hooks.example.org/hook")]
    [InlineData("http://localhost:8080/hook")]
    public async Task AUrlThatIsNotHttpsIsAFailedDelivery(string url)
    {
        using var sender = Sender();

        Assert.Equal(DeliveryResult.Failed("not an https URL"), await sender.SendAsync(url, Urgent));
    }

    [Fact]
    public async Task LogsNameTheReceiverHostButNotTheUrlPathWhichMayHoldAToken()
    {
        await using var receiver = WebhookReceiver.Start();
        var logger = new ListLogger<WebhookSender>();
        using var sender = Sender(logger: logger);

        await sender.SendAsync(receiver.Url + "/T0KEN", Urgent);

        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, line => line.Contains("T0KEN", StringComparison.Ordinal));
    }

    private static WebhookSender Sender(string secret = Secret, ListLogger<WebhookSender>? logger = null, FakeTimeProvider? time = null, string[]? practiceSecrets = null)
    {
        var options = new NotificationOptions { PortalUrl = "https://portal.example.org/" };
        options.Webhook.Secret = secret;
        options.Webhook.Timeout = TimeSpan.FromSeconds(10);
        return new WebhookSender(Options.Create(options), new FixedSecrets(practiceSecrets ?? []), time ?? new FakeTimeProvider(Now), logger ?? new ListLogger<WebhookSender>());
    }

    private sealed class FixedSecrets(string[] secrets) : IWebhookSecretStore
    {
        public Task<IReadOnlyList<string>> SigningSecretsAsync(string practiceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(secrets);

        public Task<string> RotateAsync(string practiceId, DateTimeOffset now, TimeSpan overlap, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
