namespace Ivr.Asterisk.Ami;

/// <summary>Where each incoming message goes. Runs on the read loop: it never waits on anybody.</summary>
public sealed partial class AmiClient
{
    private void Route(AmiMessage message)
    {
        switch (message.Kind)
        {
            case AmiMessageKind.Response:
                RouteResponse(message);
                break;
            case AmiMessageKind.Event:
                if (!RouteOwnedEvent(message))
                {
                    Publish(message);
                }

                break;
            default:
                Report(AsteriskDiagnosticLevel.Warning, "AmiUnexpectedMessage", $"Asterisk sent an {message.Kind} message; ignored.");
                break;
        }
    }

    private void RouteResponse(AmiMessage response)
    {
        if (response.ActionId is not { } id || !_pending.TryGetValue(id, out var pending))
        {
            // The caller gave up (timeout or cancellation) before it came.
            Report(AsteriskDiagnosticLevel.Debug, "AmiLateResponse", $"Response {response.Name} for an action nobody waits for.");
            return;
        }

        pending.Response = response;
        switch (pending.Kind)
        {
            case AmiPendingKind.List when response.IsSuccess && StartsList(response):
                break;
            case AmiPendingKind.List:
                pending.Completion.TrySetResult(new AmiEventList(response, [], null));
                break;
            case AmiPendingKind.Originate when response.IsSuccess:
                break;
            case AmiPendingKind.Originate:
                pending.Completion.TrySetException(new AmiActionFailedException(pending.Name, response));
                break;
            default:
                pending.Completion.TrySetResult(response);
                break;
        }
    }

    /// <summary>List items and OriginateResponse belong to the action that asked; true when the event was consumed here.</summary>
    private bool RouteOwnedEvent(AmiMessage message)
    {
        if (message.ActionId is not { } id || !_pending.TryGetValue(id, out var pending))
        {
            return false;
        }

        if (pending.Kind == AmiPendingKind.List)
        {
            if (string.Equals(message["EventList"], "Complete", StringComparison.OrdinalIgnoreCase))
            {
                pending.Completion.TrySetResult(new AmiEventList(pending.Response ?? message, pending.Items.ToArray(), message));
            }
            else
            {
                pending.Items.Add(message);
            }

            return true;
        }

        if (pending.Kind == AmiPendingKind.Originate && message.IsEvent("OriginateResponse"))
        {
            pending.Completion.TrySetResult(new AmiOriginateResult(message));
        }

        // Everything else with our ActionID (OriginateResponse, UserEvent echoes) is still an event for subscribers.
        return false;
    }

    private static bool StartsList(AmiMessage response) =>
        string.Equals(response["EventList"], "start", StringComparison.OrdinalIgnoreCase)
        || (response["Message"]?.Contains("follow", StringComparison.OrdinalIgnoreCase) ?? false);
}
