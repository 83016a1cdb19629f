using Ivr.Domain.Desk;
using Ivr.Domain.Messages;

namespace Ivr.Portal.Desk;

/// <summary>
/// The body of <c>POST /api/desk/message</c>: the practice's message form as typed. Missing text is
/// empty text (the desk says which fields it needs); only the urgency must be one of its words here. The kind
/// <c>appointment</c> makes an appointment request (with its standing, days and time); anything else, a message.
/// </summary>
public sealed record DeskMessageJson(
    string? CallerName,
    string? PatientName,
    string? DateOfBirth,
    string? CallbackNumber,
    bool? CallbackReadBack,
    string? Reason,
    string? Urgency,
    string? Notes,
    string? Kind = null,
    string? Standing = null,
    string? Days = null,
    string? Time = null)
{
    /// <summary>The kind that makes an appointment request.</summary>
    public const string AppointmentKind = "appointment";

    public const string UrgencyField = "urgency";

    /// <summary>The form for the desk, or null with <paramref name="error"/> when the urgency is neither <c>urgent</c> nor <c>routine</c>.</summary>
    public DeskMessageForm? ToForm(out string? error)
    {
        Urgency urgency;
        switch (Urgency?.Trim().ToLowerInvariant())
        {
            case "urgent":
                urgency = Domain.Messages.Urgency.Urgent;
                break;
            case "routine":
                urgency = Domain.Messages.Urgency.Routine;
                break;
            default:
                error = "choose urgent or routine";
                return null;
        }

        error = null;
        return new DeskMessageForm(
            CallerName?.Trim() ?? string.Empty,
            PatientName?.Trim() ?? string.Empty,
            DateOfBirth?.Trim() ?? string.Empty,
            CallbackNumber?.Trim() ?? string.Empty,
            CallbackReadBack ?? false,
            Reason?.Trim() ?? string.Empty,
            urgency,
            Notes ?? string.Empty,
            string.Equals(Kind?.Trim(), AppointmentKind, StringComparison.OrdinalIgnoreCase)
                ? new DeskAppointmentForm(Standing ?? string.Empty, Days ?? string.Empty, Time ?? string.Empty)
                : null);
    }
}
