using Ivr.Data;
using Ivr.Domain.Desk;
using Ivr.Portal.Accounts;
using Ivr.Portal.Desk;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Desk;

/// <summary>
/// The operator desk: the operator's status and its controls, drawn here; the call offered to them or
/// that they are on (the practice's card, the message form, patch and transfer) drawn and redrawn by
/// <c>/assets/desk.js</c> from the <c>/api/desk/events</c> stream. A host without the desk says so.
/// </summary>
public sealed class DeskModel(DeskAccess access) : PageModel
{
    /// <summary>The desk's actions and their keys (with Alt+Shift), as the page lists them and <c>desk.js</c> binds them.</summary>
    public static readonly IReadOnlyList<(string Key, string Action, string What)> Shortcuts =
    [
        ("A", "available", "Available"),
        ("B", "break", "On break (with the reason typed)"),
        ("W", "wrap-up", "Wrap-up"),
        ("X", "sign-out", "Sign out of the desk"),
        ("M", "form", "Go to the message form"),
        ("S", "save", "Save the message"),
        ("P", "patch", "Patch to on-call"),
        ("N", "nurse", "Transfer to nurse"),
        ("O", "office", "Transfer to office"),
        ("R", "release", "Release the call"),
    ];

    public PortalIdentity Who { get; private set; } = null!;

    public bool Running { get; private set; }

    public DeskView? View { get; private set; }

    /// <summary>The status as people read it, with why when on break or paused.</summary>
    public static string StatusText(DeskView view) => Says(view.Status) + (view.Reason is { } why ? ": " + why : string.Empty);

    public static string Says(OperatorStatus status) => status switch
    {
        OperatorStatus.Available => "Available",
        OperatorStatus.OnBreak => "On break",
        OperatorStatus.WrapUp => "Wrap-up",
        OperatorStatus.Offered => "Call offered",
        OperatorStatus.OnCall => "On a call",
        OperatorStatus.Paused => "Paused",
        _ => "Signed out of the desk",
    };

    public static string Word(OperatorStatus status) => IvrJson.Word(status);

    /// <summary>The key as the page shows it.</summary>
    public static string Keys(string key) => "Alt+Shift+" + key;

    public string KeyOf(string action) => Keys(Shortcuts.Single(s => s.Action == action).Key);

    public async Task<IActionResult> OnGetAsync()
    {
        Who = HttpContext.Who();
        var answer = await access.OpenAsync(Who, "desk.open", HttpContext.RequestAborted);
        if (answer.Access == DeskAccessStatus.Denied)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Running = answer.Access == DeskAccessStatus.Open;
        View = answer.Result;
        return Page();
    }
}
