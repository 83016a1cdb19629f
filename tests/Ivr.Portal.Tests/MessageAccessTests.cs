using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Ivr.Portal.Messages;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests;

/// <summary>
/// Needs a temporary SQLite file (the host runs, no Asterisk): who sees which messages, in what order,
/// who may acknowledge, and that every read and every refusal is audited.
/// </summary>
public sealed class MessageAccessTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity ClinicianOfA = new(2, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity AdminOfA = new(3, "ann", PortalRole.PracticeAdmin, PracticeA, null);
    private static readonly PortalIdentity TelecomAdmin = new(4, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public async Task AClinicianSeesOnlyTheirPracticeUrgentFirstThenNewestAndTheSupervisorSeesAll()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var oldRoutine = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 0, withRecording: false);
        var urgent = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, minutesAfter: 1, withRecording: false);
        var otherPractice = await portal.SeedMessageAsync(PracticeB, Urgency.Urgent, minutesAfter: 2, withRecording: false);
        var newRoutine = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, minutesAfter: 5, withRecording: false);
        var access = portal.Get<MessageAccess>();

        var clinician = await access.InboxAsync(ClinicianOfA, includeResolved: false, pagedToMe: false);
        var supervisor = await access.InboxAsync(Supervisor, includeResolved: false, pagedToMe: false);

        Assert.Equal([urgent, newRoutine, oldRoutine], clinician.Select(m => m.Id));
        Assert.Equal([otherPractice, urgent, newRoutine, oldRoutine], supervisor.Select(m => m.Id));
        var audit = await portal.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "message.list" && e.Actor == "portal:lee" && e.Detail == $"3 message(s) of {PracticeA}");
        Assert.Contains(audit, e => e.Action == "message.list" && e.Actor == "portal:sam");
    }

    [Fact]
    public async Task OpeningAnotherPracticesMessageIsRefusedAndTheRefusalAudited()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var theirs = await portal.SeedMessageAsync(PracticeB, Urgency.Urgent, withRecording: false);
        var access = portal.Get<MessageAccess>();

        var lookup = await access.OpenAsync(ClinicianOfA, theirs, "message.view");
        var byAdmin = await access.OpenAsync(AdminOfA, theirs, "message.recording");

        Assert.Equal(LookupStatus.Denied, lookup.Status);
        Assert.Null(lookup.Message);
        Assert.Equal(LookupStatus.Denied, byAdmin.Status);
        var audit = await portal.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "message.denied" && e.Actor == "portal:lee" && e.SubjectId == theirs.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Detail.Contains(PracticeB, StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "message.denied" && e.Actor == "portal:ann");
        Assert.DoesNotContain(audit, e => e.Action == "message.view");
        Assert.DoesNotContain(audit, e => e.Detail.Contains("5559876543", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATelecomAdminGetsNoInboxAndNoMessage()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        var access = portal.Get<MessageAccess>();

        Assert.Empty(await access.InboxAsync(TelecomAdmin, includeResolved: true, pagedToMe: false));
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(TelecomAdmin, id, "message.view")).Status);
        Assert.Equal(AdvanceStatus.Denied, await access.AdvanceAsync(TelecomAdmin, id, MessageStatus.Acknowledged));
    }

    [Fact]
    public async Task AcknowledgingRecordsTheClinicianStopsTheEscalationAndCountsOnce()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        var access = portal.Get<MessageAccess>();

        var first = await access.AdvanceAsync(ClinicianOfA, id, MessageStatus.Acknowledged);
        var again = await access.AdvanceAsync(AdminOfA, id, MessageStatus.Acknowledged);
        var resolved = await access.AdvanceAsync(AdminOfA, id, MessageStatus.Resolved);

        Assert.Equal(AdvanceStatus.Done, first);
        Assert.Equal(AdvanceStatus.AlreadyThere, again);
        Assert.Equal(AdvanceStatus.Done, resolved);
        var dispatch = portal.Get<IDispatchStore>();
        var history = await dispatch.HistoryAsync(id);
        Assert.Equal([MessageStatus.Received, MessageStatus.Acknowledged, MessageStatus.Resolved], history.Select(h => h.Status));
        Assert.Equal("dr-lee", history[1].Actor);
        Assert.Equal("ann", history[2].Actor);
        Assert.DoesNotContain(await dispatch.DueAsync(DateTimeOffset.UtcNow.AddDays(1), 10), w => w.MessageId == id);
        var audit = await portal.Get<IAuditLog>().ListAsync(10);
        Assert.Contains(audit, e => e.Action == "message.acknowledge" && e.Actor == "portal:lee");
        Assert.Contains(audit, e => e.Action == "message.resolve" && e.Actor == "portal:ann");
    }

    [Fact]
    public async Task ARefusedAcknowledgementChangesNothing()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var theirs = await portal.SeedMessageAsync(PracticeB, Urgency.Urgent, withRecording: false);

        var outcome = await portal.Get<MessageAccess>().AdvanceAsync(ClinicianOfA, theirs, MessageStatus.Acknowledged);

        Assert.Equal(AdvanceStatus.Denied, outcome);
        Assert.Equal(MessageStatus.Received, (await portal.Get<IMessageStore>().GetAsync(theirs))!.Status);
    }

    [Fact]
    public async Task ResolvedMessagesLeaveTheOpenInboxAndStayInTheFullOne()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var id = await portal.SeedMessageAsync(PracticeA, Urgency.Routine, withRecording: false);
        var access = portal.Get<MessageAccess>();
        await access.AdvanceAsync(ClinicianOfA, id, MessageStatus.Resolved);

        Assert.Empty(await access.InboxAsync(ClinicianOfA, includeResolved: false, pagedToMe: false));
        Assert.Equal([id], (await access.InboxAsync(ClinicianOfA, includeResolved: true, pagedToMe: false)).Select(m => m.Id));
    }

    [Fact]
    public async Task PagedToMeListsOnlyMessagesWhoseDispatchTriedTheClinician()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        var paged = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, withRecording: false);
        await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, minutesAfter: 1, withRecording: false);
        await portal.Get<IDispatchStore>().StartAttemptAsync(paged, 0, DispatchChannels.Voice, "dr-lee", DateTimeOffset.UtcNow);

        var mine = await portal.Get<MessageAccess>().InboxAsync(ClinicianOfA, includeResolved: false, pagedToMe: true);

        Assert.Equal([paged], mine.Select(m => m.Id));
    }
}
