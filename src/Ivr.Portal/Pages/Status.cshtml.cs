using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>
/// What a refused, missing or failed page shows. It is re-executed in place of the original response,
/// which keeps its status code (a 403 stays a 403).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title => Code switch
    {
        StatusCodes.Status403Forbidden => "Not yours to see",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status400BadRequest => "That did not work",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status403Forbidden => "This belongs to a practice your account does not cover. The attempt has been recorded in the audit log.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status400BadRequest => "The form had expired or was not sent from this portal. Go back, reload the page and try again.",
        _ => "The server could not finish this request. Nothing was changed; try again, and call the answering service if it goes on.",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
