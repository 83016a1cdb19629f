using Ivr.Domain.Dispatch;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Messages;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Messages;

/// <summary>
/// One message: the callback number, the recording (or what an operator typed at the desk), its history and every attempt to reach someone,
/// and the two things a clinician does with it. Another practice's message is a 404 like a missing one, audited.
/// </summary>
public sealed class MessageModel(MessageAccess access, IDispatchStore dispatch, IPracticeStore practices, TriageReviewAccess reviews, ITriageRecordStore triages, IEhrHandoffStore? ehr = null) : PageModel
{
    public PatientMessage Message { get; private set; } = null!;

    public Practice? Practice { get; private set; }

    public IReadOnlyList<MessageHistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<DispatchAttempt> Attempts { get; private set; } = [];

    /// <summary>For a triage's message, the triage: whether its downgrade awaits the physician's review, or who reviewed it.</summary>
    public TriageRecord? Triage { get; private set; }

    /// <summary>True when the signed-in user may mark the triage's downgrade reviewed.</summary>
    public bool CanReview => Triage is { } triage && HttpContext.Who().CanReviewTriageOf(triage.PracticeId);

    /// <summary>The triage that left this message (a nurse's), whose pathway <c>/triage/{id}</c> shows; null for other messages.</summary>
    public long? TriageId { get; private set; }

    /// <summary>Where the message's hand-off to the practice's EHR stands ("EHR: proposed Appointment/12"); empty when the practice has no link.</summary>
    public string EhrLine { get; private set; } = string.Empty;

    /// <summary>What the last button did, shown once after the redirect.</summary>
    public string? Done { get; private set; }

    public string ClinicianName(string id) => Practice?.Clinician(id) is { } clinician ? $"{clinician.Name} ({id})" : id;

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        var lookup = await access.OpenAsync(HttpContext.Who(), id, "message.view", HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return NotFound();
        }

        Message = lookup.Message!;
        Practice = await practices.GetAsync(Message.PracticeId, HttpContext.RequestAborted);
        History = await dispatch.HistoryAsync(id, HttpContext.RequestAborted);
        Attempts = await dispatch.AttemptsAsync(id, HttpContext.RequestAborted);
        // A practice without a link has nothing to show until a hand-off was made while it had one.
        if (ehr is not null && await ehr.GetAsync(id, HttpContext.RequestAborted) is { } handoff
            && (Practice?.Ehr.Linked == true || handoff.State is EhrHandoffState.Delivered or EhrHandoffState.Refused))
        {
            EhrLine = handoff.Line(at => PortalFormat.When(at, Practice));
        }

        Triage = Message.Typed is { IsTriage: true } ? await reviews.ForMessageAsync(HttpContext.Who(), Message.CallId, id, HttpContext.RequestAborted) : null;
        if (Message.Typed?.IsTriage == true)
        {
            TriageId = await triages.IdForMessageAsync(id, HttpContext.RequestAborted);
        }

        Done = done switch
        {
            "reviewed" => "The triage's downgrade is marked reviewed.",
            "review-already" => "The triage's downgrade had been reviewed already; nothing changed.",
            "acknowledged" => "Acknowledged: the escalation has stopped. Call the patient back, then mark the message resolved.",
            "resolved" => "Marked resolved.",
            "already" => $"Someone else got there first: the message is {Message.Status}.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id) => AdvanceAsync(id, MessageStatus.Acknowledged, null, "acknowledged");

    /// <summary>Marks the message resolved with what the person wrote about the call back (optional, kept encrypted).</summary>
    public Task<IActionResult> OnPostResolveAsync(long id, string? note) => AdvanceAsync(id, MessageStatus.Resolved, note, "resolved");

    /// <summary>"Reviewed" on a triage's downgrade, from its message's page.</summary>
    public async Task<IActionResult> OnPostTriageReviewedAsync(long id, long triage)
    {
        var (status, _) = await reviews.MarkReviewedAsync(HttpContext.Who(), triage, HttpContext.RequestAborted);
        return status switch
        {
            TriageReviewStatus.Reviewed => RedirectToPage(new { id, done = "reviewed" }),
            TriageReviewStatus.AlreadyReviewed => RedirectToPage(new { id, done = "review-already" }),
            TriageReviewStatus.NotNeeded => new ConflictObjectResult("This triage was not downgraded: there is nothing to review."),
            TriageReviewStatus.Denied => StatusCode(StatusCodes.Status403Forbidden),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult> AdvanceAsync(long id, MessageStatus status, string? note, string done)
    {
        var outcome = await access.AdvanceAsync(HttpContext.Who(), id, status, note, HttpContext.RequestAborted);
        return outcome switch
        {
            AdvanceStatus.Done => RedirectToPage(new { id, done }),
            AdvanceStatus.AlreadyThere => RedirectToPage(new { id, done = "already" }),
            AdvanceStatus.NoteTooLong => BadRequest($"A note is at most {MessageLifecycle.MaxNoteLength} characters; nothing was changed."),
            _ => NotFound(),
        };
    }
}
