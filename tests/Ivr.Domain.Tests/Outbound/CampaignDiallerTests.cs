using Ivr.Domain.Outbound;
using Ivr.Domain.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Domain.Tests.Outbound;

public sealed class CampaignDiallerTests
{
    // 10:00 in New York on a Tuesday: inside the window.
    private static readonly DateTimeOffset Morning = new(2026, 12, 8, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Morning);
    private readonly InMemoryCampaignStore _store = new();
    private readonly InMemoryPracticeStore _practices = new(Support.Practices.NewYork());
    private readonly FakeCaller _caller = new();
    private readonly FakeLoad _load = new();
    private readonly OutboundOptions _options = new();
    private readonly FakeSpeech _speech = new();

    [Fact]
    public async Task DuePatientIsCalledShowingThePracticeAndTheDecisionIsKeptOnTheAttempt()
    {
        var id = await StartAsync(1);
        _caller.Answer = _ => DialResult.NotAnswered(AttemptResult.NoAnswer, "Asterisk reason 3");

        var round = await Dialler().RunDueAsync();
        await Task.WhenAll(round.Calls);

        var call = Assert.Single(_caller.Calls);
        Assert.Equal(("+12125550101", "Riverside Pediatrics", "15550100"), (call.Phone, call.CallerName, call.CallerNumber));
        var attempt = Assert.Single(await _store.AttemptsAsync(id));
        Assert.Equal(("none", AttemptResult.NoAnswer, "Asterisk reason 3"), (attempt.Rule, attempt.Result, attempt.Detail));
        Assert.StartsWith("inside the calling window on the patient's clock", attempt.Why, StringComparison.Ordinal);
        var patient = Assert.Single(await _store.PatientsAsync(id));
        Assert.Equal((PatientProgress.Trying, Morning + TimeSpan.FromMinutes(30)), (patient.Progress, patient.NextAt));
    }

    [Fact]
    public async Task APatientWhoseWindowIsClosedIsHeldUntilItOpensThenCalled()
    {
        // 22:30 in New York.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 3, 30, 0, TimeSpan.Zero));
        var id = await StartAsync(1);

        var round = await Dialler().RunDueAsync();

        Assert.Empty(round.Calls);
        var held = Assert.Single(round.Held);
        Assert.Equal("calling-window", held.Rule);
        var patient = Assert.Single(await _store.PatientsAsync(id));
        Assert.Equal(("calling-window", new DateTimeOffset(2026, 12, 9, 13, 0, 0, TimeSpan.Zero)), (patient.HeldBy, patient.NextAt));

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 12, 59, 0, TimeSpan.Zero));
        Assert.Empty((await Dialler().RunDueAsync()).Calls);
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 13, 0, 0, TimeSpan.Zero));
        await Task.WhenAll((await Dialler().RunDueAsync()).Calls);
        Assert.Single(_caller.Calls);
    }

    [Fact]
    public async Task NoMoreCallsStartThanTheCampaignAllowsAtOnce()
    {
        await StartAsync(6, maxChannels: 2);
        var hold = new TaskCompletionSource<DialResult>();
        _caller.Pending = hold.Task;
        var dialler = Dialler();

        var first = await dialler.RunDueAsync();
        var second = await dialler.RunDueAsync();

        Assert.Equal(2, first.Calls.Count);
        Assert.Empty(second.Calls);
        hold.SetResult(DialResult.NotAnswered(AttemptResult.Busy, "Asterisk reason 5"));
        await Task.WhenAll(first.Calls);
        Assert.Equal(2, (await dialler.RunDueAsync()).Calls.Count);
    }

    [Fact]
    public async Task AnInboundSurgePausesDiallingAndItResumesWhenTheSurgeEbbs()
    {
        await StartAsync(1);
        _load.InboundCalls = 30;

        var surge = await Dialler().RunDueAsync();

        Assert.True(surge.Surge);
        Assert.Empty(surge.Calls);
        _load.InboundCalls = 29;
        var calm = await Dialler().RunDueAsync();
        Assert.False(calm.Surge);
        _ = Assert.Single(calm.Calls);
    }

    [Fact]
    public async Task ANumberThatOptedOutInAnotherCampaignOfThePracticeIsNeverCalled()
    {
        await _store.OptOutAsync("riverside-pediatrics", "+12125550101", Morning.AddDays(-3));
        var id = await StartAsync(1);

        var round = await Dialler().RunDueAsync();

        Assert.Empty(round.Calls);
        Assert.Equal("opt-out", Assert.Single(round.Held).Rule);
        Assert.Equal(PatientProgress.OptedOut, Assert.Single(await _store.PatientsAsync(id)).Progress);
    }

    [Fact]
    public async Task AServiceKilledDuringACallDoesNotCallThePatientAgainThatDay()
    {
        var id = await StartAsync(1);
        _caller.Pending = new TaskCompletionSource<DialResult>().Task; // the call never ends: the service dies on it
        var killed = Dialler();
        _ = Assert.Single((await killed.RunDueAsync()).Calls);

        _time.Advance(_options.Lease + TimeSpan.FromSeconds(1));
        var restarted = Dialler();
        var round = await restarted.RunDueAsync();

        Assert.Empty(round.Calls);
        Assert.Equal("calls-a-day", Assert.Single(round.Held).Rule);
        var attempt = Assert.Single(await _store.AttemptsAsync(id));
        Assert.Equal((AttemptResult.Failed, "interrupted: the service stopped during the call"), (attempt.Result, attempt.Detail));
        Assert.Equal(new DateTimeOffset(2026, 12, 9, 13, 0, 0, TimeSpan.Zero), Assert.Single(await _store.PatientsAsync(id)).NextAt);
    }

    [Fact]
    public async Task ACallThatCannotBePlacedClosesItsAttemptAsFailed()
    {
        var id = await StartAsync(1);
        _caller.Answer = _ => throw new InvalidOperationException("AMI is down");

        await Task.WhenAll((await Dialler().RunDueAsync()).Calls);

        var attempt = Assert.Single(await _store.AttemptsAsync(id));
        Assert.Equal((AttemptResult.Failed, "the call could not be placed: InvalidOperationException"), (attempt.Result, attempt.Detail));
    }

    [Fact]
    public async Task ACampaignWhosePatientsAreAllDoneIsFinished()
    {
        var id = await StartAsync(1);
        await _store.MarkConfirmedAsync(1, "staff: reached at the front desk", Morning);

        var round = await Dialler().RunDueAsync();

        Assert.Equal([id], round.Finished);
        Assert.Equal(CampaignState.Finished, (await _store.GetAsync(id))!.State);
    }

    [Fact]
    public async Task TheWordsAreMadeAudioBeforeAnyoneIsDialledAndWhenTheyCannotBeNobodyIsDialled()
    {
        var id = await StartAsync(2);
        _speech.Fails = true;

        var round = await Dialler().RunDueAsync();

        Assert.Empty(round.Calls);
        Assert.All(round.Held, h => Assert.Equal("speech", h.Rule));
        Assert.All(await _store.PatientsAsync(id), p => Assert.Equal(Morning + CampaignDialler.SpeechRetry, p.NextAt));
        Assert.Empty(await _store.AttemptsAsync(id));

        _speech.Fails = false;
        _time.Advance(CampaignDialler.SpeechRetry);
        await Task.WhenAll((await Dialler().RunDueAsync()).Calls);
        Assert.Equal(2, _caller.Calls.Count);
        Assert.Equal(["Riverside Pediatrics"], _speech.Rendered.Distinct());
    }

    [Theory]
    [InlineData(0, 0, 4)]
    [InlineData(0, 3, 1)]
    [InlineData(29, 0, 4)]
    [InlineData(30, 0, 0)]
    [InlineData(38, 0, 0)]
    public void PacingKeepsCampaignsToTheirShareAndGivesWayToPatientsCallingIn(int inbound, int outbound, int room) =>
        Assert.Equal(room, OutboundPacing.Room(new OutboundOptions(), inbound, outbound));

    private CampaignDialler Dialler() => new(_store, _practices, _caller, _load, _speech, new CampaignCalls(_store, _time), _options, _time);

    private async Task<long> StartAsync(int patients, int maxChannels = 4)
    {
        var campaign = new Campaign
        {
            PracticeId = "riverside-pediatrics",
            Title = "Dr. Lee out Friday",
            Words = "Your appointment on Friday is cancelled.",
            CallbackNumber = "2125550199",
            TimeZone = "America/New_York",
            EndsBy = Morning.AddDays(7),
            CreatedBy = "admin",
            MaxChannels = maxChannels,
        };
        var list = Enumerable.Range(1, patients).Select(i => new CampaignPatient(i + 1, $"Patient {i}", $"+1212555{100 + i:0000}", null, null, null)).ToList();
        var id = await _store.CreateAsync(campaign, list, [], []);
        await _store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, _time.GetUtcNow());
        return id;
    }

    private sealed class FakeCaller : IOutboundCaller
    {
        public List<OutboundCall> Calls { get; } = [];

        public Func<OutboundCall, DialResult> Answer { get; set; } = _ => DialResult.NotAnswered(AttemptResult.NoAnswer, "Asterisk reason 3");

        public Task<DialResult>? Pending { get; set; }

        public Task<DialResult> CallAsync(OutboundCall call, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add(call);
            }

            return Pending ?? Task.FromResult(Answer(call));
        }
    }

    private sealed class FakeSpeech : ICampaignSpeech
    {
        public bool Fails { get; set; }

        public bool Available => true;

        public List<string> Rendered { get; } = [];

        public Task<CampaignPrompts> RenderAsync(Campaign campaign, string practiceName, CancellationToken cancellationToken = default)
        {
            if (Fails)
            {
                throw new Ivr.Domain.Practices.GreetingRenderException("'flite' is not installed here");
            }

            Rendered.Add(practiceName);
            return Task.FromResult(new CampaignPrompts("person", "voicemail"));
        }

        public Task<byte[]> PreviewAsync(string text, CancellationToken cancellationToken = default) => Task.FromResult(Array.Empty<byte>());
    }

    private sealed class FakeLoad : ILineLoad
    {
        public int InboundCalls { get; set; }
    }
}
