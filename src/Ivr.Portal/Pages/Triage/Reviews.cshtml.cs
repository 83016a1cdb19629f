using Ivr.Domain.Practices;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Triage;

/// <summary>
/// The physician's review list: each nurse's downgrade not yet reviewed (when, nurse, computed and final disposition,
/// the override's reason), oldest first, with "Reviewed" beside it. Clinicians see their own practice's, the
/// supervisor every practice's; everyone else gets 403. Reading it and marking are audited (<see cref="TriageReviewAccess"/>).
/// </summary>
public sealed class ReviewsModel(TriageReviewAccess access, IPracticeStore practices) : PageModel
{
    private IReadOnlyDictionary<string, Practice> _practices = new Dictionary<string, Practice>();

    public IReadOnlyList<TriageRecord> Awaiting { get; private set; } = [];

    public PortalIdentity Who { get; private set; } = null!;

    /// <summary>What the last button did, shown once after the redirect.</summary>
    public string? Done { get; private set; }

    public Practice? Practice(string id) => _practices.GetValueOrDefault(id);

    public string PracticeName(string id) => Practice(id)?.Name ?? id;

    public async Task<IActionResult> OnGetAsync(string? done, long? triage)
    {
        Who = HttpContext.Who();
        if (await access.AwaitingAsync(Who, null, HttpContext.RequestAborted) is not { } awaiting)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Awaiting = awaiting;
        _practices = (await practices.ListAsync(HttpContext.RequestAborted)).ToDictionary(p => p.Id);
        Done = done switch
        {
            "reviewed" => $"Triage {triage} marked reviewed.",
            "already" => $"Triage {triage} had been reviewed already; nothing changed.",
            _ => null,
        };
        return Page();
    }

    /// <summary>"Reviewed": records the signed-in clinician's review of the downgrade, now.</summary>
    public async Task<IActionResult> OnPostReviewedAsync(long id)
    {
        var (status, _) = await access.MarkReviewedAsync(HttpContext.Who(), id, HttpContext.RequestAborted);
        return status switch
        {
            TriageReviewStatus.Reviewed => RedirectToPage(new { done = "reviewed", triage = id }),
            TriageReviewStatus.AlreadyReviewed => RedirectToPage(new { done = "already", triage = id }),
            TriageReviewStatus.NotNeeded => new ConflictObjectResult("This triage was not downgraded: there is nothing to review."),
            TriageReviewStatus.Denied => StatusCode(StatusCodes.Status403Forbidden),
            _ => NotFound(),
        };
    }
}
