using Ivr.Domain.Dispatch;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using Ivr.Telephony.Dispatch;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Outbound;

/// <summary>
/// Emails the patients of running campaigns who have an address their single-use confirmation link (issue 16): a
/// notice without medical details (<see cref="NoticeKind.CampaignConfirmation"/>: the practice's name, that the
/// appointment changed, the link, the practice's number). The store marks a patient mailed as it issues the link, so
/// nobody is mailed twice, whatever the sending gives or however many processes mail at once; a failed send is logged
/// and the calls go on. Patients the campaign no longer calls (confirmed by phone already, opted out, handed to the
/// office) are marked mailed without a mail. Logs name the campaign and the patient's id, never the address or the link.
/// </summary>
public sealed class CampaignMailer(ICampaignStore campaigns, IPracticeStore practices, IEmailSender email, IOptions<NotificationOptions> options, TimeProvider time, ILogger<CampaignMailer> logger)
{
    /// <summary>At most this many patients are mailed in one <see cref="SendDueAsync"/>.</summary>
    public const int BatchSize = 50;

    /// <summary>Mails one batch of patients still to be mailed; returns how many were looked at (a full batch means more may wait).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await campaigns.UnmailedAsync(BatchSize, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<long, (Campaign? Campaign, string PracticeName)>();
        foreach (var patient in due)
        {
            if (!known.TryGetValue(patient.CampaignId, out var of))
            {
                var campaign = await campaigns.GetAsync(patient.CampaignId, cancellationToken).ConfigureAwait(false);
                var practice = campaign is null ? null : await practices.GetAsync(campaign.PracticeId, cancellationToken).ConfigureAwait(false);
                of = (campaign, practice?.Name ?? "Your doctor's office");
                known[patient.CampaignId] = of;
            }

            if (of.Campaign is { State: CampaignState.Running } running)
            {
                await MailAsync(patient, running, of.PracticeName, cancellationToken).ConfigureAwait(false);
            }
        }

        return due.Count;
    }

    private async Task MailAsync(CampaignPatientRecord patient, Campaign campaign, string practiceName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stillCalled = patient.Progress is PatientProgress.Waiting or PatientProgress.Trying or PatientProgress.VoicemailLeft;
        var token = await campaigns.IssueLinkAsync(patient.Id, now, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            // Another process mailed them first.
            return;
        }

        if (!stillCalled || string.IsNullOrWhiteSpace(patient.Patient.Email))
        {
            logger.LogInformation("Campaign {CampaignId}: patient {PatientId} is {Progress}, so no confirmation email is sent", campaign.Id, patient.Id, patient.Progress);
            return;
        }

        var notice = new Notice(NoticeKind.CampaignConfirmation, campaign.PracticeId, practiceName, [], 0, now)
        {
            ConfirmationLink = NoticeText.ConfirmationLink(options.Value.PortalUrl, token),
            CallbackNumber = campaign.CallbackNumber,
        };
        DeliveryResult result;
        try
        {
            result = await email.SendAsync(patient.Patient.Email, notice, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception's text could quote the address: only its type is kept.
            result = DeliveryResult.Failed(exception.GetType().Name);
        }

        if (result.Accepted)
        {
            logger.LogInformation("Campaign {CampaignId}: confirmation email for patient {PatientId} sent", campaign.Id, patient.Id);
        }
        else
        {
            logger.LogWarning("Campaign {CampaignId}: confirmation email for patient {PatientId} failed ({Reason}); it is not tried again and the calls go on", campaign.Id, patient.Id, result.Detail);
        }
    }
}
