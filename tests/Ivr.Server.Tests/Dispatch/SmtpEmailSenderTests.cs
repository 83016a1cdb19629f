using System.Net;
using System.Net.Sockets;
using Ivr.Domain.Dispatch;
using Ivr.Server.Dispatch;
using Ivr.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Ivr.Server.Tests.Dispatch;

/// <summary>Need a loopback port with nothing on it; delivery to a real mail server is in the end-to-end tests.</summary>
public sealed class SmtpEmailSenderTests
{
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
    public async Task AServerThatRefusesTheConnectionIsAFailedDeliveryAndLogsNeverSpellTheAddress()
    {
        var logger = new ListLogger<SmtpEmailSender>();
        var options = new NotificationOptions();
        options.Smtp.Port = ClosedPort();
        var sender = new SmtpEmailSender(Options.Create(options), logger);

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.False(result.Accepted);
        Assert.DoesNotContain("dr.lee", result.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(logger.Lines, line => line.Contains("***@riverside.example", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, line => line.Contains("dr.lee", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AServerThatNeverGreetsIsAFailedDeliveryAfterTheTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = new NotificationOptions();
        options.Smtp.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
        options.Smtp.Timeout = TimeSpan.FromMilliseconds(300);
        var sender = new SmtpEmailSender(Options.Create(options), new ListLogger<SmtpEmailSender>());

        var result = await sender.SendAsync("dr.lee@riverside.example", Urgent);

        Assert.Equal(DeliveryResult.Failed("timed out after 0.3 s"), result);
    }

    [Fact]
    public async Task ACallerWhoCancelsGetsACancellationNotAResult()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = new NotificationOptions();
        options.Smtp.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sender = new SmtpEmailSender(Options.Create(options), new ListLogger<SmtpEmailSender>());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync("dr.lee@riverside.example", Urgent, cancel.Token));
    }

    [Fact]
    public async Task ANonAddressIsAFailedDeliveryWithoutContactingTheServer()
    {
        var sender = new SmtpEmailSender(Options.Create(new NotificationOptions()), new ListLogger<SmtpEmailSender>());

        Assert.Equal(DeliveryResult.Failed("not an email address"), await sender.SendAsync("not an address", Urgent));
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
