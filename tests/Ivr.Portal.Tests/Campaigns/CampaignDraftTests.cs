using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Portal.Campaigns;

namespace Ivr.Portal.Tests.Campaigns;

/// <summary>Needs nothing: a new campaign as typed, read into a campaign on the practice's clock or refused with every reason.</summary>
public sealed class CampaignDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private static readonly Practice Riverside = new()
    {
        Id = "riverside-pediatrics",
        Name = "Riverside Pediatrics",
        TimeZone = "America/New_York",
        Numbers = ["15550100"],
    };

    /// <summary>A practice that allows later calls, more of them and fewer at once, and retries its own way.</summary>
    private static readonly Practice Harbor = Riverside with
    {
        Id = "harbor-internal-medicine",
        Outbound = new OutboundSettings
        {
            Rules = new CallingRules { WindowStart = new TimeOnly(9, 0), WindowEnd = new TimeOnly(20, 0), MaxPerDay = 2, MaxPerWeek = 6 },
            MaxChannels = 2,
            Retry = new RetryRules { MaxAttempts = 4, Waits = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)] },
        },
    };

    [Fact]
    public void ATypedCampaignBecomesADraftOnThePracticesClockWithItsTighterWindowAndCaps()
    {
        var raised = Riverside with { Outbound = new OutboundSettings { Rules = CallingRules.Default with { MaxPerDay = 3, MaxPerWeek = 9 } } };
        var draft = CampaignDraft.Read(Request(r =>
        {
            r.WindowStart = "09:30";
            r.WindowEnd = "18:00";
            r.MaxPerDay = "2";
            r.MaxPerWeek = "6";
            r.MaxChannels = "2";
        }), raised, "ann", Now);

        Assert.Empty(draft.Errors);
        var campaign = draft.Campaign!;
        Assert.Equal(CampaignKind.Notice, campaign.Kind);
        Assert.Equal("America/New_York", campaign.TimeZone);
        Assert.Equal("13125550199", campaign.CallbackNumber);
        Assert.Equal(new CallingRules { WindowStart = new TimeOnly(9, 30), WindowEnd = new TimeOnly(18, 0), MaxPerDay = 2, MaxPerWeek = 6 }, campaign.Rules);
        Assert.Equal(2, campaign.MaxChannels);
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 0, 0, 0, TimeSpan.FromHours(-5)), campaign.EndsBy);
        Assert.Equal(CampaignState.Draft, campaign.State);
        Assert.Equal("ann", campaign.CreatedBy);
        Assert.Equal(["Ann Smith"], draft.Patients.Select(p => p.Name));
    }

    [Fact]
    public void EveryWrongFieldIsReportedAtOnceAndNothingIsReadIntoACampaign()
    {
        var draft = CampaignDraft.Read(Request(r =>
        {
            r.Kind = "survey";
            r.WindowStart = "9h";
            r.MaxPerDay = "11";
            r.MaxChannels = "0";
            r.EndsBy = "10/12/2026";
            r.List = "name,phone\nAnn Smith,12\n";
            r.ListName = "../patients.csv";
            r.Slots = "2026-12-07 09:30";
        }), Riverside, "ann", Now);

        Assert.Null(draft.Campaign);
        Assert.Empty(draft.Patients);
        Assert.Contains("the kind is cancellation, reschedule or notice, not 'survey'", draft.Errors);
        Assert.Contains("the calling window's start '9h' is not a time written HH:mm", draft.Errors);
        Assert.Contains("calls at once is a whole number from 1 to the practice's 4, not 0", draft.Errors);
        Assert.Contains("the last day of calling '10/12/2026' is not a date written yyyy-MM-dd", draft.Errors);
        Assert.Contains(draft.Errors, e => e.StartsWith("patients.csv:2: '12' is not", StringComparison.Ordinal));
        Assert.Contains("only reschedule campaigns offer slots: choose reschedule or leave the slots empty", draft.Errors);
    }

    [Fact]
    public void RaisedCapsBeyondTheLimitAreRefusedByTheCallingRulesInTheirWords()
    {
        var draft = CampaignDraft.Read(Request(r => r.MaxPerDay = "11"), Riverside, "ann", Now);

        Assert.Equal(["calls a day is a whole number from 1 to 10, not 11"], draft.Errors);
    }

    [Fact]
    public void EmptyRulesTakeThePracticesOutboundSettingsAndItsRetries()
    {
        var draft = CampaignDraft.Read(Request(_ => { }), Harbor, "ann", Now);

        Assert.Empty(draft.Errors);
        Assert.Equal(Harbor.Outbound.Rules, draft.Campaign!.Rules);
        Assert.Equal(2, draft.Campaign.MaxChannels);
        Assert.Equal(4, draft.Campaign.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromDays(1)], draft.Campaign.Retry.Waits);
    }

    [Fact]
    public void APracticeWithoutOutboundSettingsGivesTheLawsWindowOneADayThreeAWeekAndFourAtOnce()
    {
        var draft = CampaignDraft.Read(Request(_ => { }), Riverside, "ann", Now);

        Assert.Equal(CallingRules.Default, draft.Campaign!.Rules);
        Assert.Equal(4, draft.Campaign.MaxChannels);
        Assert.Same(RetryRules.Default, draft.Campaign.Retry);
    }

    [Fact]
    public void ACampaignTighterThanItsPracticeIsKept()
    {
        var draft = CampaignDraft.Read(Request(r =>
        {
            r.WindowStart = "10:00";
            r.WindowEnd = "19:30";
            r.MaxPerDay = "1";
            r.MaxPerWeek = "2";
            r.MaxChannels = "1";
        }), Harbor, "ann", Now);

        Assert.Empty(draft.Errors);
        Assert.Equal(new CallingRules { WindowStart = new TimeOnly(10, 0), WindowEnd = new TimeOnly(19, 30), MaxPerDay = 1, MaxPerWeek = 2 }, draft.Campaign!.Rules);
        Assert.Equal(1, draft.Campaign.MaxChannels);
    }

    [Theory]
    [InlineData("08:30", "", "", "", "", "the calling window 08:30-20:00 is wider than the practice's 09:00-20:00")]
    [InlineData("", "20:30", "", "", "", "the calling window 09:00-20:30 is wider than the practice's 09:00-20:00")]
    [InlineData("", "", "3", "", "", "3 calls a day is more than the practice's 2")]
    [InlineData("", "", "", "7", "", "7 calls a week is more than the practice's 6")]
    [InlineData("", "", "", "", "3", "3 calls at once is more than the practice's 2")]
    public void ACampaignLooserThanItsPracticeIsRefusedInWords(string start, string end, string day, string week, string channels, string error)
    {
        var draft = CampaignDraft.Read(Request(r =>
        {
            r.WindowStart = start;
            r.WindowEnd = end;
            r.MaxPerDay = day;
            r.MaxPerWeek = week;
            r.MaxChannels = channels;
        }), Harbor, "ann", Now);

        Assert.Null(draft.Campaign);
        Assert.Equal([error], draft.Errors);
    }

    [Fact]
    public void ALooserWindowAndMoreCallsAtOnceAreBothReported()
    {
        var draft = CampaignDraft.Read(Request(r =>
        {
            r.WindowStart = "08:00";
            r.MaxChannels = "4";
        }), Harbor, "ann", Now);

        Assert.Equal(["the calling window 08:00-20:00 is wider than the practice's 09:00-20:00", "4 calls at once is more than the practice's 2"], draft.Errors);
    }

    [Fact]
    public void ARescheduleNeedsSlotsAndATypedListIsNamedListInItsErrors()
    {
        var none = CampaignDraft.Read(Request(r => r.Kind = "reschedule"), Riverside, "ann", Now);
        var badList = CampaignDraft.Read(Request(r => r.List = "name,telephone\n"), Riverside, "ann", Now);

        Assert.Equal(["a reschedule campaign needs open slots to offer, one a line: yyyy-MM-dd HH:mm, clinician"], none.Errors);
        Assert.Contains("list:1: unknown column 'telephone'; the columns are name, phone, email, appointment, clinician", badList.Errors);
    }

    private static CampaignRequest Request(Action<CampaignRequest> change)
    {
        var request = new CampaignRequest
        {
            PracticeId = Riverside.Id,
            Title = "Flu clinic moved",
            Kind = "notice",
            Words = "The flu clinic moved to Saturday. Press 1 to confirm you heard this.",
            CallbackNumber = "+1 (312) 555-0199",
            EndsBy = "2026-12-10",
            List = "name,phone\nAnn Smith,312 555 0100\n",
        };
        change(request);
        return request;
    }
}
