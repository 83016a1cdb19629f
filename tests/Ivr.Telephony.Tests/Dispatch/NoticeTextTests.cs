using Ivr.Domain.Dispatch;
using Ivr.Telephony.Dispatch;

namespace Ivr.Telephony.Tests.Dispatch;

/// <summary>Need nothing: the exact words of an email, which can only hold what a <see cref="Notice"/> holds.</summary>
public sealed class NoticeTextTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 2, 10, 0, TimeSpan.FromHours(-4));

    private static readonly NotificationOptions Options = new() { PortalUrl = "https://portal.example.org/", AnsweringServicePhone = "+1 555 0100" };

    [Fact]
    public void AnUrgentNoticeReadsExactlyThisAndNothingMore()
    {
        var notice = new Notice(NoticeKind.UrgentMessageWaiting, "riverside-pediatrics", "Riverside Pediatrics", [42], 2, At);

        Assert.Equal("Urgent message waiting — Riverside Pediatrics", NoticeText.Subject(notice));
        Assert.Equal(
            """
            An urgent message (id 42) from the answering service is waiting for Riverside Pediatrics.
            Escalation step 2: no one has acknowledged it yet.

            Sign in to listen and acknowledge:
            https://portal.example.org/messages/42

            Or call the answering service at +1 555 0100 to hear it.

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
    }

    [Fact]
    public void APhoneServerDownNoticeNamesTheServerAndWhatStillWorks()
    {
        var notice = new Notice(NoticeKind.PhoneServerDown, string.Empty, "the answering service", [], 0, At) { Detail = "server ivr-a2 (AMI 127.0.0.1:5142) not reachable since 2026-03-14 06:09 UTC" };
        var back = notice with { Kind = NoticeKind.PhoneServerRestored, Detail = "server ivr-a2 (AMI 127.0.0.1:5142) connected since 2026-03-14 06:20 UTC" };

        Assert.Equal("Phone server down: the calls it carries are not answered by it", NoticeText.Subject(notice));
        Assert.Equal(
            """
            The answering service cannot reach one of its Asterisk servers: server ivr-a2 (AMI 127.0.0.1:5142) not reachable since 2026-03-14 06:09 UTC.
            Calls that were up on it are lost; new calls go to the other servers once the SIP proxy stops sending them there, and pages go out through another server. Check that Asterisk runs on it (docs/deployment.md); the service's log says more.

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
        Assert.Equal("Phone server back: it carries calls again", NoticeText.Subject(back));
        Assert.StartsWith("The answering service reaches its Asterisk server again: server ivr-a2", NoticeText.Body(back, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void AMorningReportCountsAndListsItsAppointmentRequestsWithoutTheirWindows()
    {
        var notice = new Notice(NoticeKind.MorningReport, "riverside-pediatrics", "Riverside Pediatrics", [7, 8, 9], 0, At) { AppointmentRequestIds = [7, 9] };

        Assert.Equal(
            """
            3 routine messages from the answering service are waiting for Riverside Pediatrics.
            2 of them are appointment requests (messages 7, 9).

            Sign in to read them:
            https://portal.example.org/messages/7
            https://portal.example.org/messages/8
            https://portal.example.org/messages/9

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
        Assert.Contains("1 of them is an appointment request (message 8).", NoticeText.Body(notice with { AppointmentRequestIds = [8] }, Options), StringComparison.Ordinal);
        Assert.Contains("It is an appointment request.", NoticeText.Body(notice with { MessageIds = [8], AppointmentRequestIds = [8] }, Options), StringComparison.Ordinal);
        Assert.DoesNotContain("appointment", NoticeText.Body(notice with { AppointmentRequestIds = [] }, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void AMorningReportNamesTheMessagesNotYetInThePracticesEhrByNumberOnly()
    {
        var notice = new Notice(NoticeKind.MorningReport, "riverside-pediatrics", "Riverside Pediatrics", [7, 8], 0, At) { EhrUndeliveredIds = [3, 8] };

        var body = NoticeText.Body(notice, Options);

        Assert.Contains("\nNot yet in your EHR (2): message 3, 8. Each message's page says why and when it is tried again.\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("EHR", NoticeText.Body(notice with { EhrUndeliveredIds = [] }, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void AMorningReportListsOneLinkPerMessageAndNothingMore()
    {
        var notice = new Notice(NoticeKind.MorningReport, "riverside-pediatrics", "Riverside Pediatrics", [7, 8, 9], 0, At);

        Assert.Equal("3 routine messages waiting — Riverside Pediatrics", NoticeText.Subject(notice));
        Assert.Equal(
            """
            3 routine messages from the answering service are waiting for Riverside Pediatrics.

            Sign in to read them:
            https://portal.example.org/messages/7
            https://portal.example.org/messages/8
            https://portal.example.org/messages/9

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
    }

    [Fact]
    public void APatchedCallsSummaryNoticeReadsExactlyThisAndNothingMore()
    {
        var notice = new Notice(NoticeKind.PatchSummary, "riverside-pediatrics", "Riverside Pediatrics", [57], 0, At);

        Assert.Equal("Summary of a patched call — Riverside Pediatrics", NoticeText.Subject(notice));
        Assert.Equal(
            """
            The answering service patched a call to you for Riverside Pediatrics. Its summary (message 57) is waiting for you.

            Sign in to read it and acknowledge it:
            https://portal.example.org/messages/57

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
    }

    [Fact]
    public void AFirstUrgentNoticeWithoutAServiceNumberStillPointsToTheAnsweringService()
    {
        var notice = new Notice(NoticeKind.UrgentMessageWaiting, "harbor", "Harbor Internal Medicine", [5], 0, At);

        var body = NoticeText.Body(notice, new NotificationOptions());

        Assert.Contains("This is the first notice.", body, StringComparison.Ordinal);
        Assert.Contains("https://127.0.0.1:5443/messages/5", body, StringComparison.Ordinal);
        Assert.Contains("Or call the answering service to hear it.", body, StringComparison.Ordinal);
        Assert.Contains("Harbor Internal Medicine", body, StringComparison.Ordinal);
    }

    [Fact]
    public void SubjectsCountMessagesInTheirOwnWords()
    {
        Assert.Equal("1 routine message waiting — Harbor", NoticeText.Subject(new Notice(NoticeKind.MorningReport, "h", "Harbor", [1], 0, At)));
        Assert.Equal("2 urgent messages waiting — Harbor", NoticeText.Subject(new Notice(NoticeKind.UrgentMessageWaiting, "h", "Harbor", [1, 2], 1, At)));
    }

    [Fact]
    public void ALineBreakInAPracticeNameCannotStartAnotherHeader() =>
        Assert.Equal(
            "Urgent message waiting — Harbor Bcc: someone@example.org",
            NoticeText.Subject(new Notice(NoticeKind.UrgentMessageWaiting, "h", "Harbor\nBcc: someone@example.org", [1], 0, At)));

    [Theory]
    [InlineData("https://portal.example.org", "https://portal.example.org/messages/42")]
    [InlineData("https://portal.example.org/", "https://portal.example.org/messages/42")]
    [InlineData("https://example.org/ivr/", "https://example.org/ivr/messages/42")]
    public void MessageLinksJoinThePortalUrlWithOneSlash(string portalUrl, string expected) =>
        Assert.Equal(expected, NoticeText.MessageLink(portalUrl, 42));
    [Fact]
    public void AMorningReportCountsEachCampaignsUnconfirmedPatientsAndLinksThePortalWithoutAName()
    {
        var notice = new Notice(NoticeKind.MorningReport, "riverside-pediatrics", "Riverside Pediatrics", [7], 0, At)
        {
            Campaigns =
            [
                new CampaignReportLine(3, "Dr. Rivera out Friday", Ivr.Domain.Outbound.CampaignState.Finished, 40, 6, 0),
                new CampaignReportLine(4, "Flu clinic moved", Ivr.Domain.Outbound.CampaignState.Running, 30, 1, 1),
            ],
        };

        Assert.Equal(
            """
            1 routine message from the answering service is waiting for Riverside Pediatrics.

            Sign in to read it:
            https://portal.example.org/messages/7

            Campaigns:
            - Dr. Rivera out Friday (finished): 6 patients not confirmed, of 40. https://portal.example.org/campaigns/3
            - Flu clinic moved (running): 1 patient not confirmed yet, of 30; 1 still being called. https://portal.example.org/campaigns/4
            Sign in to see who has not confirmed.

            No patient details are sent by email.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
    }

    [Fact]
    public void APatientsCampaignNoticeGivesThePracticeTheChangeTheLinkAndTheNumberAndNothingMedical()
    {
        var notice = new Notice(NoticeKind.CampaignConfirmation, "riverside-pediatrics", "Riverside Pediatrics", [], 0, At)
        {
            ConfirmationLink = NoticeText.ConfirmationLink("https://portal.example.org/", "tok_en-1"),
            CallbackNumber = "13125550100",
        };

        Assert.Equal("Your appointment has changed: please confirm — Riverside Pediatrics", NoticeText.Subject(notice));
        Assert.Equal(
            """
            Hello,

            This is Riverside Pediatrics. Your appointment with us has changed, and we ask you to confirm that you got this message.

            Please confirm here (the link works once):
            https://portal.example.org/confirm/tok_en-1

            Or call us at (312) 555-0100.

            Once you confirm, we stop calling you about it.

            """.ReplaceLineEndings("\n"),
            NoticeText.Body(notice, Options));
    }
}
