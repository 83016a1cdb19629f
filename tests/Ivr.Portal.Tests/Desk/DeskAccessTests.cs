using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Portal.Accounts;
using Ivr.Portal.Desk;
using Ivr.Testing.Desk;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Portal.Tests.Desk;

/// <summary>Needs nothing: who works the desk, what a host without one answers, and what the audit keeps (never the caller's number or what was typed).</summary>
public sealed class DeskAccessTests
{
    private static readonly PortalIdentity Operator = new(1, "sam", PortalRole.Operator, null, null);
    private static readonly PortalIdentity Supervisor = new(2, "sue", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity AdminOfA = new(3, "pia", PortalRole.PracticeAdmin, PortalUnderTest.PracticeA, null);
    private static readonly PortalIdentity ClinicianOfA = new(4, "lee", PortalRole.Clinician, PortalUnderTest.PracticeA, "dr-lee");
    private static readonly PortalIdentity TelecomAdmin = new(5, "tom", PortalRole.TelecomAdmin, null, null);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
    private readonly ListAuditLog _audit = new();

    [Fact]
    public async Task OperatorsAndTheSupervisorWorkTheDeskAndEveryoneElseIsRefusedAndAudited()
    {
        var access = Access(new InMemoryDeskBoard(_time));

        var operatorView = await access.OpenAsync(Operator, "desk.view");
        var supervisorView = await access.OpenAsync(Supervisor, "desk.view");
        var refused = new List<DeskAccessStatus>();
        foreach (var who in new[] { AdminOfA, ClinicianOfA, TelecomAdmin })
        {
            refused.Add((await access.OpenAsync(who, "desk.view")).Access);
            refused.Add((await access.SetStatusAsync(who, OperatorStatus.Available, null)).Access);
            refused.Add((await access.ReleaseAsync(who)).Access);
        }

        Assert.Equal(DeskAccessStatus.Open, operatorView.Access);
        Assert.Equal("sam", operatorView.Result!.Operator);
        Assert.Equal(DeskAccessStatus.Open, supervisorView.Access);
        Assert.All(refused, r => Assert.Equal(DeskAccessStatus.Denied, r));
        Assert.Equal(9, _audit.All.Count(e => e.Action == "desk.denied"));
        Assert.Contains(_audit.All, e => e.Action == "desk.view" && e.Actor == "portal:sam" && e.SubjectType == "desk" && e.SubjectId == "sam");
    }

    [Fact]
    public async Task WithoutABoardTheDeskIsNotRunningForThoseWhoWorkItAndStillRefusedToOthers()
    {
        var access = Access(null);

        Assert.False(access.Running);
        Assert.Equal(DeskAccessStatus.NotRunning, (await access.OpenAsync(Operator, "desk.view")).Access);
        Assert.Equal(DeskAccessStatus.NotRunning, (await access.PatchAsync(Operator)).Access);
        Assert.Equal(DeskAccessStatus.NotRunning, (await access.SaveMessageAsync(Operator, Form())).Access);
        Assert.Equal(DeskAccessStatus.Denied, (await access.OpenAsync(ClinicianOfA, "desk.view")).Access);
    }

    [Fact]
    public async Task ACardShownIsAuditedOnItsCallRecordWithoutTheCallersNumber()
    {
        var board = new InMemoryDeskBoard(_time);
        var access = Access(board);
        await board.SetStatusAsync("sam", OperatorStatus.Available, null);
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.42", _time.GetUtcNow()));

        var view = await access.OpenAsync(Operator, "desk.view");

        Assert.Equal("5551234567", view.Result!.Call!.Card.CallerNumber);
        var card = Assert.Single(_audit.All, e => e.Action == "desk.card");
        Assert.Equal(("portal:sam", "call", "42"), (card.Actor, card.SubjectType, card.SubjectId));
        Assert.Contains(PortalUnderTest.PracticeA, card.Detail);
        Assert.DoesNotContain(_audit.All, e => e.Detail.Contains("4567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryActionIsAuditedOnTheCallWithTheOperatorsNameAndARefusalWithTheDesksReason()
    {
        var board = new InMemoryDeskBoard(_time);
        var access = Access(board);
        await access.SetStatusAsync(Operator, OperatorStatus.Available, null);
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.7", _time.GetUtcNow()));
        board.Answer("sam");

        var patched = await access.PatchAsync(Operator);
        var again = await access.PatchAsync(Operator);
        var nurse = await access.TransferAsync(Operator, DeskTransferTarget.Nurse);
        var released = await access.ReleaseAsync(Operator);

        Assert.True(patched.Result!.Done);
        Assert.False(again.Result!.Done);
        Assert.False(nurse.Result!.Done);
        Assert.True(released.Result!.Done);
        var onCall = _audit.All.Where(e => e.SubjectType == "call" && e.SubjectId == "7" && e.Actor == "portal:sam").Select(e => (e.Action, e.Detail)).ToArray();
        Assert.Equal(
            [
                ("desk.patch", "patch to on-call"),
                ("desk.patch", "patch to on-call refused: a patch is under way"),
                ("desk.transfer", "transfer to nurse refused: No nurse is available: you keep the call."),
                ("desk.release", "release"),
            ],
            onCall);
        Assert.Contains(_audit.All, e => e.Action == "desk.status" && e.SubjectType == "desk" && e.Detail == "available");
    }

    [Fact]
    public async Task ASavedFormIsAuditedByItsFieldNamesAndUrgencyNeverByWhatWasTyped()
    {
        var board = new InMemoryDeskBoard(_time);
        var access = Access(board);
        await access.SetStatusAsync(Operator, OperatorStatus.Available, null);
        board.Offer("sam", InMemoryDeskBoard.Call("1795360542.8", _time.GetUtcNow()));
        board.Answer("sam");

        var refused = await access.SaveMessageAsync(Operator, Form() with { PatientName = "", CallbackReadBack = false });
        var saved = await access.SaveMessageAsync(Operator, Form());
        var twice = await access.SaveMessageAsync(Operator, Form());

        Assert.Equal(["callbackReadBack", "patientName"], refused.Result!.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.True(saved.Result!.Created);
        Assert.Equal(saved.Result.MessageId, twice.Result!.MessageId);
        Assert.False(twice.Result.Created);
        var details = _audit.All.Where(e => e.Action == "desk.message").Select(e => e.Detail).ToArray();
        Assert.Equal(["refused: callbackReadBack, patientName", $"message {saved.Result.MessageId} saved, urgent", $"message {saved.Result.MessageId} already saved, urgent"], details);
        foreach (var typed in new[] { "Maria", "Leo", "5559876543", "fever", "2019-04-01" })
        {
            Assert.DoesNotContain(_audit.All, e => e.Detail.Contains(typed, StringComparison.Ordinal));
        }
    }

    private static DeskMessageForm Form() => new("Maria Ortiz", "Leo Ortiz", "2019-04-01", "5559876543", true, "fever of 40 since noon", Urgency.Urgent, "mother worried, child drinking");

    private DeskAccess Access(IDeskBoard? board) => new(_audit, _time, NullLogger<DeskAccess>.Instance, board);
}
