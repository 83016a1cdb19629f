using System.Globalization;
using Ivr.Domain.Outbound;
using Ivr.Portal.Campaigns;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ivr.Portal.Pages;

/// <summary>
/// A patient's confirmation page, reached from a campaign's email without signing in (the token in the path is the
/// key): the practice's name and the campaign's words, then a button to confirm, or a reschedule's open slots to pick
/// from. A link that does not work gets one page whatever the reason (404), with the practice's number when known.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(PatientLinkAccess links) : PageModel
{
    public PatientLink Link { get; private set; } = PatientLink.NotWorking();

    public async Task<IActionResult> OnGetAsync(string token) =>
        Show(await links.OpenAsync(token, HttpContext.RequestAborted));

    /// <summary>One form: <c>slot</c> names the slot picked, else the patient confirms.</summary>
    public async Task<IActionResult> OnPostAsync(string token, [FromForm] long? slot) =>
        Show(slot is { } id
            ? await links.TakeSlotAsync(token, id, HttpContext.RequestAborted)
            : await links.ConfirmAsync(token, HttpContext.RequestAborted));

    /// <summary>"(312) 555-0100" for a North American number, else its digits.</summary>
    public static string Phone(string? number)
    {
        var digits = new string((number ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 11 && digits[0] == '1')
        {
            digits = digits[1..];
        }

        return digits.Length == 10 ? $"({digits[..3]}) {digits[3..6]}-{digits[6..]}" : digits;
    }

    /// <summary>"Friday, December 4 at 9:30 AM", on the practice's clock, with whom when the slot says.</summary>
    public static string Describe(CampaignSlot slot) =>
        slot.StartsAt.ToString("dddd, MMMM d 'at' h:mm tt", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(slot.Clinician) ? string.Empty : " with " + slot.Clinician);

    private PageResult Show(PatientLink link)
    {
        Link = link;
        if (link.Status == PatientLinkStatus.NotWorking)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
