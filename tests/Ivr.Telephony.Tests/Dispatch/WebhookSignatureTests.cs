using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Need nothing: the signature scheme receivers implement, checked against a vector computed with Python's hmac.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private const long Timestamp = 1767225600; // 2026-01-01T00:00:00Z
    private const string Body = """{"event":"message.urgent","practiceId":"riverside","messageIds":[42]}""";

    // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test_secret", b"1767225600." + BODY, hashlib.sha256).hexdigest())'
    private const string Expected = "sha256=ec40df0bb981111a667f0f3699ceaae2aee4177404b7d056ee918f32c3c9a69d";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void SignMatchesAnIndependentlyComputedHmacSha256OverTimestampDotBody() =>
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void VerifyAcceptsTheKnownVectorWithinTolerance() =>
        Assert.True(WebhookSignature.Verify(Secret, "1767225600", Expected, Body, SignedAt.AddMinutes(4), WebhookSignature.DefaultTolerance));

    [Fact]
    public void VerifyAcceptsUppercaseHex() =>
        Assert.True(WebhookSignature.Verify(Secret, "1767225600", "sha256=" + Expected[7..].ToUpperInvariant(), Body, SignedAt, WebhookSignature.DefaultTolerance));

    [Fact]
    public void ATamperedBodyFailsVerification() =>
        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Expected, Body.Replace("42", "43", StringComparison.Ordinal), SignedAt, WebhookSignature.DefaultTolerance));

    [Fact]
    public void AnotherSecretFailsVerification() =>
        Assert.False(WebhookSignature.Verify("another", "1767225600", Expected, Body, SignedAt, WebhookSignature.DefaultTolerance));

    [Fact]
    public void ATimestampChangedToLookFreshFailsVerification() =>
        Assert.False(WebhookSignature.Verify(Secret, "1767225900", Expected, Body, SignedAt.AddMinutes(5), WebhookSignature.DefaultTolerance));

    [Fact]
    public void APostOlderThanTheToleranceFailsVerificationEvenWithAGoodSignature() =>
        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Expected, Body, SignedAt.AddMinutes(5).AddSeconds(1), WebhookSignature.DefaultTolerance));

    [Fact]
    public void ATimestampFromTheFarFutureFailsVerification() =>
        Assert.False(WebhookSignature.Verify(Secret, "1767225600", Expected, Body, SignedAt.AddMinutes(-6), WebhookSignature.DefaultTolerance));

    [Theory]
    [InlineData(null, Expected)]
    [InlineData("1767225600", null)]
    [InlineData("", Expected)]
    [InlineData("-1767225600", Expected)]
    [InlineData(" 1767225600", Expected)]
    [InlineData("1767225600", "ec40df0bb981111a667f0f3699ceaae2aee4177404b7d056ee918f32c3c9a69d")]
    [InlineData("1767225600", "sha1=ec40df0bb981111a667f0f3699ceaae2aee4177404b7d056ee918f32c3c9a69d")]
    [InlineData("1767225600", "sha256=not-hex")]
    [InlineData("1767225600", "sha256=ec40")]
    public void MissingOrMalformedHeadersFailVerification(string? timestamp, string? signature) =>
        Assert.False(WebhookSignature.Verify(Secret, timestamp, signature, Body, SignedAt, WebhookSignature.DefaultTolerance));

    [Fact]
    public void AnEmptySecretCannotSign() =>
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(string.Empty, Timestamp, Body));
}
