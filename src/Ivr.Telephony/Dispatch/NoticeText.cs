using System.Globalization;
using System.Text;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Outbound;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// The words of a notice sent by email. They are built from the <see cref="Notice"/> alone (practice,
/// message ids, escalation step), so no patient detail can reach them: the reader signs in to the
/// portal or calls the answering service to hear the message.
/// </summary>
public static class NoticeText
{
    private const string NoPatientDetails = "\nNo patient details are sent by email.\n";

    /// <summary>
    /// E.g. <c>Urgent message waiting — Riverside Pediatrics</c>, <c>3 routine messages waiting — Riverside Pediatrics</c>
    /// or <c>Summary of a patched call — Riverside Pediatrics</c>.
    /// </summary>
    public static string Subject(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var count = notice.MessageIds.Count;
        var practice = OneLine(notice.PracticeName);
        return notice.Kind switch
        {
            NoticeKind.UrgentMessageWaiting when count <= 1 => $"Urgent message waiting — {practice}",
            NoticeKind.UrgentMessageWaiting => Invariant($"{count} urgent messages waiting — {practice}"),
            NoticeKind.MorningReport when count == 0 => $"Calling campaigns: patients not confirmed — {practice}",
            NoticeKind.MorningReport when count == 1 => $"1 routine message waiting — {practice}",
            NoticeKind.MorningReport => Invariant($"{count} routine messages waiting — {practice}"),
            NoticeKind.PatchSummary => $"Summary of a patched call — {practice}",
            NoticeKind.CampaignConfirmation => $"Your appointment has changed: please confirm — {practice}",
            NoticeKind.OutsideLineDown => "Carrier trunk down: phone numbers cannot be dialled",
            NoticeKind.OutsideLineRestored => "Carrier trunk back: phone numbers are dialled again",
            NoticeKind.PhoneServerDown => "Phone server down: the calls it carries are not answered by it",
            NoticeKind.PhoneServerRestored => "Phone server back: it carries calls again",
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "Unknown notice kind."),
        };
    }

    /// <summary>The plain-text body: what waits, the portal links, and for urgent messages how else to hear them.</summary>
    public static string Body(Notice notice, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        return notice.Kind switch
        {
            NoticeKind.UrgentMessageWaiting => UrgentBody(notice, options),
            NoticeKind.MorningReport => MorningReportBody(notice, options),
            NoticeKind.PatchSummary => SummaryBody(notice, options),
            NoticeKind.CampaignConfirmation => CampaignConfirmationBody(notice),
            NoticeKind.OutsideLineDown => TrunkBody(notice, down: true),
            NoticeKind.OutsideLineRestored => TrunkBody(notice, down: false),
            NoticeKind.PhoneServerDown => PhoneServerBody(notice, down: true),
            NoticeKind.PhoneServerRestored => PhoneServerBody(notice, down: false),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Kind, "Unknown notice kind."),
        };
    }

    /// <summary>Where a patient confirms a campaign's notice: <c>{PortalUrl}/confirm/{token}</c>.</summary>
    public static string ConfirmationLink(string portalUrl, string token) =>
        $"{portalUrl.TrimEnd('/')}/confirm/{Uri.EscapeDataString(token)}";

    /// <summary>Where staff see a campaign and who on it has not confirmed: <c>{PortalUrl}/campaigns/{id}</c>.</summary>
    public static string CampaignLink(string portalUrl, long campaignId) =>
        Invariant($"{portalUrl.TrimEnd('/')}/campaigns/{campaignId}");

    /// <summary>"(312) 555-0100" for a North American number, else its digits as they are.</summary>
    public static string Phone(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits.Length == 10 ? $"({digits[..3]}) {digits[3..6]}-{digits[6..]}" : digits;
    }

    /// <summary>Where a message is heard and acknowledged: <c>{PortalUrl}/messages/{id}</c>.</summary>
    public static string MessageLink(string portalUrl, long messageId) =>
        Invariant($"{portalUrl.TrimEnd('/')}/messages/{messageId}");

    private static string PhoneServerBody(Notice notice, bool down)
    {
        var text = new StringBuilder();
        text.Append(down
            ? "The answering service cannot reach one of its Asterisk servers"
            : "The answering service reaches its Asterisk server again");
        text.Append(string.IsNullOrWhiteSpace(notice.Detail) ? ".\n" : $": {OneLine(notice.Detail)}.\n");
        text.Append(down
            ? "Calls that were up on it are lost; new calls go to the other servers once the SIP proxy stops sending them "
                + "there, and pages go out through another server. Check that Asterisk runs on it (docs/deployment.md); "
                + "the service's log says more.\n"
            : "It takes calls and the service acts on them through it again.\n");
        text.Append(NoPatientDetails);
        return text.ToString();
    }

    private static string TrunkBody(Notice notice, bool down)
    {
        var text = new StringBuilder();
        text.Append(down
            ? "The answering service's carrier trunk is not registered"
            : "The answering service's carrier trunk is registered again");
        text.Append(string.IsNullOrWhiteSpace(notice.Detail) ? ".\n" : $": {OneLine(notice.Detail)}.\n");
        text.Append(down
            ? "Until it is back, pages and calls to clinicians' phone numbers and patients' callbacks fail, and each "
                + "escalation moves on to the next step; SIP phones and the portal still work.\n"
                + "Check the carrier's account and the trunk settings (docs/trunk.md); the service's log says more.\n"
            : "Phone numbers are dialled through it again.\n");
        text.Append(NoPatientDetails);
        return text.ToString();
    }

    private static string UrgentBody(Notice notice, NotificationOptions options)
    {
        var one = notice.MessageIds.Count == 1;
        var text = new StringBuilder();
        text.Append(one
            ? Invariant($"An urgent message (id {notice.MessageIds[0]})")
            : $"Urgent messages (ids {string.Join(", ", notice.MessageIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})");
        text.Append(one ? " from the answering service is waiting for " : " from the answering service are waiting for ");
        text.Append(notice.PracticeName).Append(".\n");
        text.Append(notice.Step == 0
            ? "This is the first notice.\n"
            : Invariant($"Escalation step {notice.Step}: no one has acknowledged {(one ? "it" : "them")} yet.\n"));
        text.Append("\nSign in to listen and acknowledge:\n");
        AppendLinks(text, notice, options);
        text.Append(string.IsNullOrWhiteSpace(options.AnsweringServicePhone)
            ? $"\nOr call the answering service to hear {(one ? "it" : "them")}.\n"
            : $"\nOr call the answering service at {options.AnsweringServicePhone} to hear {(one ? "it" : "them")}.\n");
        text.Append(NoPatientDetails);
        return text.ToString();
    }

    private static string MorningReportBody(Notice notice, NotificationOptions options)
    {
        var one = notice.MessageIds.Count == 1;
        var text = new StringBuilder();
        if (notice.MessageIds.Count == 0)
        {
            // A day of campaign news alone: no message waits, so no message link.
            text.Append("No routine message from the answering service is waiting for ").Append(notice.PracticeName).Append(" this morning.\n");
            AppendCampaigns(text, notice, options);
            AppendEhrUndelivered(text, notice);
            text.Append(NoPatientDetails);
            return text.ToString();
        }

        text.Append(one
            ? "1 routine message from the answering service is waiting for "
            : Invariant($"{notice.MessageIds.Count} routine messages from the answering service are waiting for "));
        text.Append(notice.PracticeName).Append(".\n");
        AppendAppointmentRequests(text, notice);
        text.Append(one ? "\nSign in to read it:\n" : "\nSign in to read them:\n");
        AppendLinks(text, notice, options);
        AppendCampaigns(text, notice, options);
        AppendEhrUndelivered(text, notice);
        text.Append(NoPatientDetails);
        return text.ToString();
    }

    private static string SummaryBody(Notice notice, NotificationOptions options)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"The answering service patched a call to you for {notice.PracticeName}. Its summary (message {notice.MessageIds[0]}) is waiting for you.\n"));
        text.Append("\nSign in to read it and acknowledge it:\n");
        AppendLinks(text, notice, options);
        text.Append(NoPatientDetails);
        return text.ToString();
    }

    /// <summary>
    /// To the patient: who writes, that the appointment changed, the link to confirm and the number to call. Nothing
    /// about the appointment or the patient: the page behind the link says what the practice typed.
    /// </summary>
    private static string CampaignConfirmationBody(Notice notice)
    {
        var link = notice.ConfirmationLink ?? throw new ArgumentException("A campaign's notice needs its confirmation link.", nameof(notice));
        var text = new StringBuilder();
        text.Append("Hello,\n\n");
        text.Append("This is ").Append(OneLine(notice.PracticeName)).Append(". Your appointment with us has changed, and we ask you to confirm that you got this message.\n");
        text.Append("\nPlease confirm here (the link works once):\n");
        text.Append(link).Append('\n');
        if (!string.IsNullOrWhiteSpace(notice.CallbackNumber))
        {
            text.Append("\nOr call us at ").Append(Phone(notice.CallbackNumber)).Append(".\n");
        }

        text.Append("\nOnce you confirm, we stop calling you about it.\n");
        return text.ToString();
    }

    /// <summary>The messages not yet in the practice's EHR (ids only; why is on each message's page).</summary>
    private static void AppendEhrUndelivered(StringBuilder text, Notice notice)
    {
        if (notice.EhrUndeliveredIds.Count == 0)
        {
            return;
        }

        text.Append(Invariant($"\nNot yet in your EHR ({notice.EhrUndeliveredIds.Count}): message {string.Join(", ", notice.EhrUndeliveredIds)}. Each message's page says why and when it is tried again.\n"));
    }

    /// <summary>
    /// A morning report's outbound campaigns: per campaign how many patients have not confirmed, and where staff see
    /// who (the portal); never a name.
    /// </summary>
    private static void AppendCampaigns(StringBuilder text, Notice notice, NotificationOptions options)
    {
        if (notice.Campaigns.Count == 0)
        {
            return;
        }

        text.Append("\nCampaigns:\n");
        foreach (var line in notice.Campaigns)
        {
            var patients = line.NotConfirmed == 1 ? "1 patient" : Invariant($"{line.NotConfirmed} patients");
            text.Append("- ").Append(OneLine(line.Title)).Append(" (").Append(CampaignStates.Word(line.State)).Append("): ");
            text.Append(line.IsOver
                ? Invariant($"{patients} not confirmed, of {line.Patients}.")
                : Invariant($"{patients} not confirmed yet, of {line.Patients}; {line.StillCalling} still being called."));
            text.Append(' ').Append(CampaignLink(options.PortalUrl, line.CampaignId)).Append('\n');
        }

        text.Append("Sign in to see who has not confirmed.\n");
    }

    /// <summary>How many of the report's messages carry an appointment request, and which: the windows stay in the portal.</summary>
    private static void AppendAppointmentRequests(StringBuilder text, Notice notice)
    {
        var ids = notice.AppointmentRequestIds.Where(notice.MessageIds.Contains).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        if (notice.MessageIds.Count == 1)
        {
            text.Append("It is an appointment request.\n");
            return;
        }

        var list = string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        text.Append(ids.Count == 1
            ? $"1 of them is an appointment request (message {list}).\n"
            : Invariant($"{ids.Count} of them are appointment requests (messages {list}).\n"));
    }

    private static void AppendLinks(StringBuilder text, Notice notice, NotificationOptions options)
    {
        foreach (var id in notice.MessageIds)
        {
            text.Append(MessageLink(options.PortalUrl, id)).Append('\n');
        }
    }

    /// <summary>A subject is one header line: a stray line break in a name must not start another.</summary>
    private static string OneLine(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
