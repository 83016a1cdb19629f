using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using Ivr.Domain.Prompts;
using Ivr.Portal.Accounts;
using Ivr.Portal.Prompts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Prompts;

/// <summary>
/// An owner's prompts (a practice's, or the shared ones): each with its number, words and voice and a play button;
/// upload a file to prepare a draft, hear it, keep or discard it; revert to the default voice.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = PromptAccess.MaxUploadRequestBytes)]
[RequestSizeLimit(PromptAccess.MaxUploadRequestBytes)]
public sealed class PromptsModel(PromptAccess access, IPracticeStore practices) : PageModel
{
    public string Owner { get; private set; } = string.Empty;

    public string Route { get; private set; } = string.Empty;

    public PromptList List { get; private set; } = new(LookupStatus.NotFound);

    /// <summary>The other pages of prompts the supervisor may open.</summary>
    public IReadOnlyList<(string Route, string Name)> Others { get; private set; } = [];

    public PromptDraft? Draft { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorPrompt { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? owner, string? kept, string? reverted)
    {
        if (owner is null)
        {
            var who = HttpContext.Who();
            return who.Role == PortalRole.Supervisor ? Redirect($"/prompts/{PromptAccess.SharedRoute}")
                : who is { Role: PortalRole.PracticeAdmin, PracticeId: { } own } ? Redirect($"/prompts/{own}")
                : StatusCode(StatusCodes.Status403Forbidden);
        }

        Done = kept is not null ? $"Prompt {kept} now uses the uploaded recording; callers hear it from their next call."
            : reverted is not null ? $"Prompt {reverted} is back to the default voice." : null;
        return await LoadAsync(owner) ?? Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string owner, string promptId, IFormFile? upload)
    {
        PromptChange change;
        if (upload is null)
        {
            change = PromptChange.Invalid("Choose a sound file to upload.");
        }
        else
        {
            await using var stream = upload.OpenReadStream();
            change = await access.PrepareAsync(HttpContext.Who(), PromptAccess.OwnerOf(owner), promptId, stream, upload.Length, HttpContext.RequestAborted);
        }

        if (Refused(change) is { } refused)
        {
            return refused;
        }

        Draft = change.Draft;
        Error = change.Error;
        ErrorPrompt = promptId;
        return await LoadAsync(owner) ?? Page();
    }

    public async Task<IActionResult> OnPostKeepAsync(string owner, string promptId, string draft)
    {
        var change = await access.KeepAsync(HttpContext.Who(), PromptAccess.OwnerOf(owner), promptId, draft, HttpContext.RequestAborted);
        if (Refused(change) is { } refused)
        {
            return refused;
        }

        if (change.Status == PromptChangeStatus.Done)
        {
            return Redirect($"/prompts/{owner}?kept={Uri.EscapeDataString(promptId)}");
        }

        Error = change.Error;
        ErrorPrompt = promptId;
        return await LoadAsync(owner) ?? Page();
    }

    public async Task<IActionResult> OnPostRevertAsync(string owner, string promptId)
    {
        var change = await access.RevertAsync(HttpContext.Who(), PromptAccess.OwnerOf(owner), promptId, HttpContext.RequestAborted);
        return Refused(change) ?? Redirect($"/prompts/{owner}?reverted={Uri.EscapeDataString(promptId)}");
    }

    private IActionResult? Refused(PromptChange change) => change.Status switch
    {
        PromptChangeStatus.Denied => StatusCode(StatusCodes.Status403Forbidden),
        PromptChangeStatus.NotFound => NotFound(),
        _ => null,
    };

    private async Task<IActionResult?> LoadAsync(string route)
    {
        Route = route;
        Owner = PromptAccess.OwnerOf(route);
        List = await access.OpenAsync(HttpContext.Who(), Owner, HttpContext.RequestAborted);
        if (List.Status != LookupStatus.Found)
        {
            return StatusCode(List.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        if (HttpContext.Who().Role == PortalRole.Supervisor)
        {
            var all = await practices.ListAsync(HttpContext.RequestAborted);
            Others = [(PromptAccess.SharedRoute, "Shared prompts"), .. all.Select(p => (p.Id, p.Name))];
        }

        return null;
    }
}
