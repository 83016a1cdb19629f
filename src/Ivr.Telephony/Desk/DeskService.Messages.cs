using Ivr.Domain.Desk;
using Ivr.Domain.Messages;
using Ivr.Domain.Scheduling;
using Microsoft.Extensions.Logging;

namespace Ivr.Telephony.Desk;

/// <summary>The message form: checked on the practice's date, saved once per call, then dispatch takes over as for the IVR's messages.</summary>
public sealed partial class DeskService
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task<DeskSaveResult> SaveMessageAsync(string operatorName, DeskMessageForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        DeskCallState? call;
        lock (_gate)
        {
            if (!_byOperator.TryGetValue(operatorName, out call))
            {
                return new DeskSaveResult(null, false, NoErrors, "You have no call to take a message for.");
            }
        }

        var now = time.GetUtcNow();
        var practice = call.Caller.Practice;
        var errors = DeskFormRules.Check(form, DateOnly.FromDateTime(new ZoneClock(practice.TimeZone).Local(now)));
        if (errors.Count > 0)
        {
            return new DeskSaveResult(null, false, errors, null);
        }

        // At most one typed message per call: a second save (this operator again, or another) returns the first.
        var message = DeskMessage.Of(form, call.Caller.CallRecordId, practice.Id, call.Caller.CallerNumber, operatorName, now);
        var (id, created) = await messages.SaveOnceAsync(ReceivedMessage.Of(message), cancellationToken);
        lock (_gate)
        {
            call.MessageId = id;
            if (call.Stage == DeskStage.WithOperator && call.ClinicianId is null)
            {
                call.Detail = $"operator {operatorName} took message {id}";
            }
        }

        if (created)
        {
            logger.LogInformation("Call {CallId}: operator {Operator} saved {Urgency} message {MessageId}", call.Caller.CallRecordId, operatorName, form.Urgency, id);
            await TimelineAsync(call.Caller.CallRecordId, now, "desk-message", $"operator {operatorName} saved {form.Urgency.ToString().ToLowerInvariant()} message {id}: dispatch takes over");
        }

        Changes();
        return new DeskSaveResult(id, created, NoErrors, null);
    }
}
