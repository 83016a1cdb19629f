using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Messages;

/// <summary>The inbox: the user's practice (every practice for the supervisor), urgent first, then newest.</summary>
public sealed class InboxModel(MessageAccess access, IPracticeStore practices, IEhrHandoffStore? ehr = null) : PageModel
{
    private IReadOnlyDictionary<string, Practice> _practices = new Dictionary<string, Practice>();
    private IReadOnlyDictionary<long, EhrHandoff> _undelivered = new Dictionary<long, EhrHandoff>();

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

    /// <summary>The hand-off of a message its practice's EHR has not taken (tried and failed, or refused); null when there is none.</summary>
    public EhrHandoff? Undelivered(long messageId) => _undelivered.GetValueOrDefault(messageId);

    public async Task OnGetAsync()
    {
        Who = HttpContext.Who();
        Messages = await access.InboxAsync(Who, Resolved, Mine, Appointments, HttpContext.RequestAborted);

        _practices = (await practices.ListAsync(HttpContext.RequestAborted)).Where(p => Who.CanSeePractice(p.Id)).ToDictionary(p => p.Id);
        if (ehr is not null && Messages.Count > 0)
        {
            var undelivered = new Dictionary<long, EhrHandoff>();
            foreach (var practiceId in Messages.Select(m => m.PracticeId).Distinct(StringComparer.Ordinal))
            {
                foreach (var handoff in await ehr.UndeliveredAsync(practiceId, HttpContext.RequestAborted))
                {
                    undelivered[handoff.MessageId] = handoff;
                }
            }

            _undelivered = undelivered;
        }
    }
}
