using Ivr.Portal.Calls;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages.Calls;

/// <summary>The call-flow diagram on its own, for any signed-in user: it is the same for every practice and holds no patient data.</summary>
public sealed class FlowModel(FlowDiagram diagram) : PageModel
{
    public FlowDiagram.Drawing Flow { get; private set; } = null!;

    public async Task OnGetAsync() => Flow = await diagram.DrawAsync();
}
