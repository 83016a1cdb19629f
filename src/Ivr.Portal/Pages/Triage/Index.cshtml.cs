using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Triage;

/// <summary>
/// The nurse's triage screen, a page of its own beside the desk (the desk links to it): the caller's card, the
/// protocol search, one question at a time, the disposition with its advice, the override, the note and the
/// patient fields to finish. The page draws nothing of the call itself: <c>/assets/triage.js</c> draws it from
/// <c>/api/triage</c>, which holds the triage server-side, so a reload shows the same state.
/// </summary>
public sealed class TriageModel(TriageAccess access) : PageModel
{
    /// <summary>The screen's actions and their keys (with Alt+Shift), as the page lists them and <c>triage.js</c> binds them.</summary>
    public static readonly IReadOnlyList<(string Key, string Action, string What)> Shortcuts =
    [
        ("F", "search", "Go to the protocol search"),
        ("Y", "yes", "Answer yes"),
        ("N", "no", "Answer no"),
        ("B", "back", "Back: undo the last answer"),
        ("O", "override", "Go to the override"),
        ("T", "note", "Go to the note"),
        ("E", "finish", "Go to the patient fields and finish"),
        ("D", "desk", "Back to the desk"),
    ];

    /// <summary>The call record the supervisor named (<c>?call=ID</c>); null for a nurse's desk call.</summary>
    [BindProperty(SupportsGet = true, Name = "call")]
    public long? Call { get; set; }

    public static IReadOnlyList<Disposition> Ladder => Dispositions.All;

    public static string Keys(string key) => "Alt+Shift+" + key;

    public string KeyOf(string action) => Keys(Shortcuts.Single(s => s.Action == action).Key);

    public async Task<IActionResult> OnGetAsync() =>
        await access.AllowsAsync(HttpContext.Who(), HttpContext.RequestAborted) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}
