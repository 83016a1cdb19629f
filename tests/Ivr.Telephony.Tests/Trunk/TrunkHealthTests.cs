using Ivr.Domain.Dispatch;
using Ivr.Domain.Live;
using Ivr.Telephony.Dispatch;
using Ivr.Telephony.Tests.Support;
using Ivr.Telephony.Trunk;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Telephony.Tests.Trunk;

/// <summary>Needs nothing: the trunk's registration states as the watcher reads them, on a fake clock, with the supervisor's mail kept.</summary>
public sealed class TrunkHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 2, 10, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly Mailbox _mail = new();
    private readonly ListLogger<TrunkHealth> _log = new();
    private readonly TrunkHealth _health;

    public TrunkHealthTests() =>
        _health = new TrunkHealth(
            new TrunkOptions { Endpoint = "carrier", DownGrace = TimeSpan.FromSeconds(30) },
            _mail,
            new DispatchOptions { SupervisorEmail = "supervisor@answering.example" },
            _clock,
            _log);

    [Fact]
    public async Task ATrunkThatStaysRejectedPastTheGraceIsReportedToTheSupervisorOnce()
    {
        await _health.ObserveAsync(TrunkRegistrationState.Registered);
        await _health.ObserveAsync(TrunkRegistrationState.Rejected);

        Assert.Contains(_log.Lines, l => l.StartsWith("Warning: Carrier trunk carrier is Rejected (was Registered)", StringComparison.Ordinal));
        Assert.Empty(_mail.Sent);

        _clock.Advance(TimeSpan.FromSeconds(29));
        await _health.ObserveAsync(TrunkRegistrationState.Rejected);
        Assert.Empty(_mail.Sent);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _health.ObserveAsync(TrunkRegistrationState.Rejected);
        await _health.ObserveAsync(TrunkRegistrationState.Rejected);

        var (address, notice) = Assert.Single(_mail.Sent);
        Assert.Equal("supervisor@answering.example", address);
        Assert.Equal(NoticeKind.OutsideLineDown, notice.Kind);
        Assert.Equal("trunk carrier refused by the carrier (username or password?) since 2026-12-03 02:10 UTC", notice.Detail);
        Assert.Equal(new TrunkStatus(TrunkRegistrationState.Rejected, Start), _health.Current);
        Assert.Equal("Carrier trunk down: phone numbers cannot be dialled", NoticeText.Subject(notice));
        Assert.Contains("not registered: trunk carrier refused by the carrier", NoticeText.Body(notice, new NotificationOptions()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrunkBackBeforeTheGraceEndsTellsNoOne()
    {
        await _health.ObserveAsync(TrunkRegistrationState.Unregistered);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await _health.ObserveAsync(TrunkRegistrationState.Registered);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _health.ObserveAsync(TrunkRegistrationState.Registered);

        Assert.Empty(_mail.Sent);
        Assert.Equal(new TrunkStatus(TrunkRegistrationState.Registered, Start.AddSeconds(10)), _health.Current);
    }

    [Fact]
    public async Task ATrunkBackAfterTheSupervisorWasToldIsReportedBackOnce()
    {
        await _health.ObserveAsync(TrunkRegistrationState.Unregistered);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _health.ObserveAsync(TrunkRegistrationState.Unregistered);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _health.ObserveAsync(TrunkRegistrationState.Registered);
        await _health.ObserveAsync(TrunkRegistrationState.Registered);

        Assert.Equal([NoticeKind.OutsideLineDown, NoticeKind.OutsideLineRestored], _mail.Sent.Select(s => s.Notice.Kind));
        Assert.Equal("trunk carrier registered since 2026-12-03 02:12 UTC", _mail.Sent[1].Notice.Detail);
        Assert.Contains(_log.Lines, l => l.StartsWith("Information: Carrier trunk carrier is registered (was Unregistered)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATrunkMissingFromAsterisksConfigurationIsDownToo()
    {
        await _health.ObserveAsync(TrunkRegistrationState.Missing);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await _health.ObserveAsync(TrunkRegistrationState.Missing);

        Assert.Equal("trunk carrier not in Asterisk's configuration since 2026-12-03 02:10 UTC", Assert.Single(_mail.Sent).Notice.Detail);
    }

    [Fact]
    public async Task TheOutsideLineSaysHowTheTrunkStandsAndNothingWithoutATrunk()
    {
        IOutsideLine line = _health;
        Assert.Equal(new OutsideLineStatus(false, "trunk carrier not asked yet", Start), line.Status);

        _clock.Advance(TimeSpan.FromSeconds(5));
        await _health.ObserveAsync(TrunkRegistrationState.Registered);
        Assert.Equal(new OutsideLineStatus(true, "trunk carrier registered", Start.AddSeconds(5)), line.Status);

        IOutsideLine none = new TrunkHealth(new TrunkOptions(), _mail, new DispatchOptions(), _clock, new ListLogger<TrunkHealth>());
        Assert.Null(none.Status);
    }

    private sealed class Mailbox : IEmailSender
    {
        public List<(string Address, Notice Notice)> Sent { get; } = [];

        public Task<DeliveryResult> SendAsync(string address, Notice notice, CancellationToken cancellationToken = default)
        {
            Sent.Add((address, notice));
            return Task.FromResult(new DeliveryResult(true, "kept"));
        }
    }
}
