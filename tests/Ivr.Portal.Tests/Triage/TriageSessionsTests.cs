using Ivr.Portal.Triage;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Portal.Tests.Triage;

/// <summary>Needs nothing: the triages being worked, by nurse and call, on a fake clock.</summary>
public sealed class TriageSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void EachNurseHasHerOwnTriageOfACallAndStartingAgainGivesTheSameOne()
    {
        var sessions = new TriageSessions(_time);

        var garcia = sessions.Start("garcia", 7, "riverside", "5551234567");
        var again = sessions.Start("garcia", 7, "riverside", "5551234567");
        var kim = sessions.Start("kim", 7, "riverside", "5551234567");

        Assert.Same(garcia, again);
        Assert.NotSame(garcia, kim);
        Assert.Same(garcia, sessions.Find("garcia", 7));
        Assert.Null(sessions.Find("garcia", 8));
        Assert.Equal(_time.GetUtcNow(), garcia.Session.StartedAt);
    }

    [Fact]
    public void ATriageLeftAloneForTwelveHoursIsDroppedWhileOneStillWorkedIsKept()
    {
        var sessions = new TriageSessions(_time);
        sessions.Start("garcia", 7, "riverside", null);
        sessions.Start("kim", 8, "riverside", null);

        _time.Advance(TimeSpan.FromHours(11));
        Assert.NotNull(sessions.Find("kim", 8));
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Null(sessions.Find("garcia", 7));
        Assert.NotNull(sessions.Find("kim", 8));
    }

    [Fact]
    public async Task NursesStartingTheSameTriageAtOnceGetOne()
    {
        var sessions = new TriageSessions(_time);

        var drafts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => sessions.Start("garcia", 7, "riverside", null))));

        Assert.Single(drafts.Distinct());
    }
}
