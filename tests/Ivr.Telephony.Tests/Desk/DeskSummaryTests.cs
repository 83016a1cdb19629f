using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Telephony.Tests.Desk;

/// <summary>
/// Needs a temporary database, no Asterisk: the desk service itself (its operator's leg on a scripted FastAGI session, a
/// dialer whose clinician presses 1, the clock faked) leaves the clinician who took a patch one summary when the call is
/// let go, whichever of the caller's line and the operator's release comes last, and writes it on the call's timeline.
/// </summary>
public sealed class DeskSummaryTests
{
    [Fact]
    public async Task WhenTheCallersLineEndsLastTheClinicianGetsOneSummaryAndTheTimelineNamesTheOperatorAndTheClinician()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();
        Assert.True((await desk.Service.PatchAsync("sam")).Done);
        await desk.PatchedAsync();
        var joined = desk.Clock.GetUtcNow();

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        await leg.DropAsync();
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        Assert.Empty(await desk.SummariesAsync());
        desk.Clock.Advance(TimeSpan.FromMinutes(6));
        await desk.Service.RoomEmptiedAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);

        var summary = Assert.Single(await desk.SummariesAsync());
        Assert.Equal((Urgency.Routine, "riverside", "5551230000"), (summary.Urgency, summary.PracticeId, summary.CallerId));
        Assert.Equal(new PatchSummary("dr-1", "sam", desk.CameIn, joined, TimeSpan.FromMinutes(7), null, null), summary.Summary);
        var timeline = Assert.Single(await desk.TimelineAsync(), e => e.Name == "desk-summary");
        Assert.Equal($"summary message {summary.Id} sent to dr-1, of the call operator sam patched", timeline.Detail);
        Assert.Equal(desk.Clock.GetUtcNow(), timeline.At);
    }

    [Fact]
    public async Task ANurseAtTheDeskIsOfferedNoOperatorCallButTheOperatorsTransferPutsTheCallerOnTheNurseLineForHer()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        Assert.True((await desk.Service.SetStatusAsync("garcia", OperatorStatus.Available, null)).Done);
        Assert.Equal(OperatorStatus.Available, desk.Service.View("garcia").Status);
        Assert.Null(desk.Service.View("garcia").Call);
        Assert.True(desk.Service.NursesStaffed);

        var leg = await desk.AnswerAsync();
        var transfer = await desk.Service.TransferAsync("sam", DeskTransferTarget.Nurse);

        Assert.True(transfer.Done, transfer.Refusal);
        var standing = desk.Service.Standing(desk.CallId);
        Assert.Equal((DeskStage.Waiting, DeskLine.Nurses, 1), (standing.Stage, standing.Line, standing.Position));
        Assert.Equal((OperatorStatus.WrapUp, null), (desk.Service.View("sam").Status, desk.Service.View("sam").Call));
        Assert.Equal(OperatorStatus.Offered, desk.Service.View("garcia").Status);
        Assert.Equal(desk.CallId, desk.Service.View("garcia").Call?.CallId);
        Assert.Equal(DeskLine.Nurses, Assert.Single(desk.Service.Floor().Waiting).Line);

        var nurse = await desk.AnswerAsync("garcia", offer: 2);
        Assert.Equal((DeskStage.WithOperator, "nurse garcia took the call"), (desk.Service.Standing(desk.CallId).Stage, desk.Service.Standing(desk.CallId).Detail));
        var timeline = await desk.TimelineAsync();
        Assert.Contains(timeline, e => e.Name == "desk-transfer" && e.Detail == "operator sam transferred the caller to the nurse line");
        Assert.Contains(timeline, e => e.Name == "desk-offered" && e.Detail == "offered to nurse garcia");
        Assert.Contains(timeline, e => e.Name == "desk-answered" && e.Detail.StartsWith("nurse garcia answered", StringComparison.Ordinal));

        // The operator's line leaving the room after the transfer changes nothing for the caller, who is the nurse's.
        await leg.DropAsync();
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);
        Assert.True((await desk.Service.ReleaseAsync("garcia")).Done);
        await nurse.DropAsync();
    }

    [Fact]
    public async Task WithNoNurseAtTheDeskTheOperatorsTransferIsRefusedAndTheOperatorKeepsTheCaller()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();

        var transfer = await desk.Service.TransferAsync("sam", DeskTransferTarget.Nurse);

        Assert.False(transfer.Done);
        Assert.Contains("No nurse is at the desk", transfer.Refusal, StringComparison.Ordinal);
        Assert.False(desk.Service.NursesStaffed);
        Assert.Equal(DeskStage.WithOperator, desk.Service.Standing(desk.CallId).Stage);
        Assert.Equal(DeskLine.Operators, desk.Service.Standing(desk.CallId).Line);
        Assert.True(desk.Service.View("sam").Call is { Answered: true });
        Assert.DoesNotContain(await desk.TimelineAsync(), e => e.Name == "desk-transfer");
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        await leg.DropAsync();
    }

    [Fact]
    public async Task WhenTheOperatorReleasesAfterTheCallerLeftTheSummaryNamesTheMessageTheyTypedAndItsReason()
    {
        await using var desk = await DeskUnderTest.StartAsync();
        var leg = await desk.AnswerAsync();
        var saved = await desk.Service.SaveMessageAsync("sam", new DeskMessageForm("Maria Gomez", "Ava Gomez", "2021-03-04", "555 987 6543", true, "Fever of 103 since noon", Urgency.Urgent, ""));
        Assert.True((await desk.Service.PatchAsync("sam")).Done);
        await desk.PatchedAsync();
        var joined = desk.Clock.GetUtcNow();

        desk.Clock.Advance(TimeSpan.FromMinutes(4));
        await desk.Service.RoomEmptiedAsync(desk.CallId);
        await desk.Service.EndAsync(desk.CallId);
        Assert.Empty(await desk.SummariesAsync());
        desk.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await desk.Service.ReleaseAsync("sam")).Done);
        await leg.DropAsync();

        var summary = Assert.Single(await desk.SummariesAsync());
        Assert.Equal(new PatchSummary("dr-1", "sam", desk.CameIn, joined, TimeSpan.FromMinutes(4), saved.MessageId, "Fever of 103 since noon"), summary.Summary);
        Assert.Equal(desk.Clock.GetUtcNow(), summary.ReceivedAt);
        Assert.Single(await desk.TimelineAsync(), e => e.Name == "desk-summary" && e.Detail.Contains("sent to dr-1", StringComparison.Ordinal));
    }
}
