using Ivr.Domain.Calls;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Calls;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Calls;

/// <summary>One call's timeline: every state it entered, every decision and why, the clinicians rung, the messages it left.</summary>
public sealed class CallModel(CallAccess access, ICallRecordStore calls, IMessageStore messages, IPracticeStore practices, FlowDiagram diagram) : PageModel
{
    public PortalIdentity Who { get; private set; } = null!;

    public CallRecord Call { get; private set; } = null!;

    public Practice? Practice { get; private set; }

    public IReadOnlyList<CallEvent> Events { get; private set; } = [];

    public IReadOnlyList<BridgeLeg> Legs { get; private set; } = [];

    public IReadOnlyList<PatientMessage> Messages { get; private set; } = [];

    /// <summary>The call-flow diagram with the states this call entered marked.</summary>
    public FlowDiagram.Drawing Flow { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Who = HttpContext.Who();
        var lookup = await access.OpenAsync(Who, id, HttpContext.RequestAborted);
        if (lookup.Status != LookupStatus.Found)
        {
            return StatusCode(lookup.Status == LookupStatus.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }

        Call = lookup.Call!;
        Practice = await practices.GetAsync(Call.PracticeId, HttpContext.RequestAborted);
        Events = await calls.EventsAsync(id, HttpContext.RequestAborted);
        Legs = await calls.LegsAsync(id, HttpContext.RequestAborted);
        // Only ids, urgency and state of the messages: their patient data stays behind the message page.
        Messages = await messages.ForCallAsync(id, HttpContext.RequestAborted);
        Flow = await diagram.DrawAsync([.. Events.Where(e => e.Kind == "state").Select(e => e.Name)]);
        return Page();
    }
}
