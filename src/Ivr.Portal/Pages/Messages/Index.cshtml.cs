using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Messages;

/// <summary>The inbox: the user's practice (every practice for the supervisor), urgent first, then newest.</summary>
public sealed class InboxModel(MessageAccess access, IPracticeStore practices) : PageModel
{
    private IReadOnlyDictionary<string, Practice> _practices = new Dictionary<string, Practice>();

    [BindProperty(Name = "resolved", SupportsGet = true)]
    public bool Resolved { get; set; }

    [BindProperty(Name = "mine", SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary>The filter <c>?kind=appointment</c>: appointment requests only.</summary>
    [BindProperty(Name = "kind", SupportsGet = true)]
    public string? Kind { get; set; }

    public bool Appointments => string.Equals(Kind, "appointment", StringComparison.OrdinalIgnoreCase);

    public PortalIdentity Who { get; private set; } = null!;

    public IReadOnlyList<PatientMessage> Messages { get; private set; } = [];

    public Practice? Practice(string id) => _practices.GetValueOrDefault(id);

    public string PracticeName(string id) => Practice(id)?.Name ?? id;

    public async Task OnGetAsync()
    {
        Who = HttpContext.Who();
        Messages = await access.InboxAsync(Who, Resolved, Mine, HttpContext.RequestAborted);
        if (Appointments)
        {
            Messages = Messages.Where(m => m.Appointment is not null).ToList();
        }

        _practices = (await practices.ListAsync(HttpContext.RequestAborted)).Where(p => Who.CanSeePractice(p.Id)).ToDictionary(p => p.Id);
    }
}
