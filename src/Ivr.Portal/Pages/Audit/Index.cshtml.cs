using System.Globalization;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Audit;

/// <summary>The supervisor's audit page: who read or changed what, filtered by person, patient message, practice, action and dates (UTC), newest first, paged.</summary>
public sealed class AuditModel(AuditAccess access, IPracticeStore practices) : PageModel
{
    [BindProperty(Name = "who", SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(Name = "message", SupportsGet = true)]
    public string? Message { get; set; }

    [BindProperty(Name = "practice", SupportsGet = true)]
    public string? PracticeId { get; set; }

    [BindProperty(Name = "action", SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(Name = "from", SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(Name = "until", SupportsGet = true)]
    public string? Until { get; set; }

    // Not "page": Razor Pages keeps that route value for the page's own path.
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRecord> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + AuditAccess.PageSize - 1) / AuditAccess.PageSize);

    public IReadOnlyList<Practice> Choices { get; private set; } = [];

    public string? Error { get; private set; }

    public IReadOnlyList<string> KnownActions { get; } =
        ["message.", "message.view", "message.list", "message.denied", "call.", "report.", "practice.", "oncall.", "live.", "signin", "user.", "audit.", "messages.show", "calls.show"];

    /// <summary>This page's filter with another page number.</summary>
    public string Link(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("who", Actor);
        Add("message", Message);
        Add("practice", PracticeId);
        Add("action", Action);
        Add("from", From);
        Add("until", Until);
        Add("p", page.ToString(CultureInfo.InvariantCulture));
        return "/audit?" + string.Join('&', query);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var who = HttpContext.Who();
        PageNumber = Math.Max(PageNumber, 1);
        long? message = null;
        DateTimeOffset? from = null, until = null;
        if (!string.IsNullOrWhiteSpace(Message))
        {
            if (long.TryParse(Message.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                message = id;
            }
            else
            {
                Error = $"'{Message}' is not a message number.";
            }
        }

        if (!TryDay(From, out from) || !TryDay(Until, out until))
        {
            Error = "Dates are days like 2026-11-22.";
        }

        // The until day is included: the search runs to the start of the next day.
        var query = new AuditQuery(from, until?.AddDays(1), Actor?.Trim(), Action?.Trim(), message, string.IsNullOrWhiteSpace(PracticeId) ? null : PracticeId);
        var lookup = await access.SearchAsync(who, Error is null ? query : new AuditQuery(), PageNumber, HttpContext.RequestAborted);
        if (lookup.Status == LookupStatus.Denied)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (Error is null)
        {
            Rows = lookup.Rows!;
            Total = lookup.Total;
        }

        Choices = await practices.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    private static bool TryDay(string? text, out DateTimeOffset? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
