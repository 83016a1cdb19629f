using Ivr.Domain.Calls;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Calls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Calls;

/// <summary>The call list: newest first, searchable by day (in the practice's zone) and outcome.</summary>
public sealed class CallsModel(CallAccess access, IPracticeStore practices) : PageModel
{
    private IReadOnlyDictionary<string, Practice> _practices = new Dictionary<string, Practice>();

    [BindProperty(Name = "day", SupportsGet = true)]
    public string? Day { get; set; }

    [BindProperty(Name = "outcome", SupportsGet = true)]
    public string? Outcome { get; set; }

    public PortalIdentity Who { get; private set; } = null!;

    public IReadOnlyList<CallRecord> Calls { get; private set; } = [];

    public string? Error { get; private set; }

    public IReadOnlyList<string> KnownOutcomes { get; } = ["message-taken", "connected", "caller-hung-up", "office-answered", "safety-net", "no-agreement", "operator", "handed-over", "failed"];

    public string ZoneLabel => Who.CallsPractice is { } id && Practice(id) is { } p ? p.TimeZone : "each practice's zone (days in UTC)";

    public Practice? Practice(string id) => _practices.GetValueOrDefault(id);

    public string PracticeName(string id) => Practice(id)?.Name ?? id;

    public async Task OnGetAsync()
    {
        Who = HttpContext.Who();
        _practices = (await practices.ListAsync(HttpContext.RequestAborted)).Where(p => Who.CanSeeCallsOf(p.Id)).ToDictionary(p => p.Id);
        DateTimeOffset? from = null, until = null;
        if (!string.IsNullOrEmpty(Day))
        {
            if (!CallDay.TryParse(Day, Who.CallsPractice is { } id ? Practice(id) : null, out var start, out var end))
            {
                Error = $"'{Day}' is not a date like 2026-11-22.";
                return;
            }

            (from, until) = (start, end);
        }

        Calls = await access.SearchAsync(Who, from, until, Outcome, HttpContext.RequestAborted);
    }
}
