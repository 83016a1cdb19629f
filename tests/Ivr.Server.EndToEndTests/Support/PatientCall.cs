using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Places a SIPp patient call to the practice number and finds its call record afterwards.</summary>
public static class PatientCall
{
    public const string PracticeNumber = "15550100";
    public const string CallerNumber = "5551234567";

    public static Task<Sipp> StartAsync(SippScript script, string directory, string number = PracticeNumber) =>
        script.CallAsync(directory, CallerNumber, number);

    /// <summary>Waits until the call record of the latest call is closed, and returns it with its messages.</summary>
    public static async Task<(CallRecord Call, IReadOnlyList<PatientMessage> Messages, IReadOnlyList<CallEvent> Events)> CompletedAsync(ICallRecordStore calls, IMessageStore messages, TimeSpan? timeout = null)
    {
        var call = await Eventually.ValueAsync(
            async () => (await calls.ListAsync(1)).FirstOrDefault() is { EndedAt: not null } ended ? ended : null,
            timeout ?? TimeSpan.FromSeconds(90),
            async () => "the call to complete. " + await TimelineAsync(calls, (await calls.ListAsync(1)).FirstOrDefault()));
        return (call, await messages.ForCallAsync(call.Id), await calls.EventsAsync(call.Id));
    }

    /// <summary>A call's states and decisions as lines, for a failure message (the events hold no patient data).</summary>
    public static async Task<string> TimelineAsync(ICallRecordStore calls, CallRecord? call) =>
        call is null
            ? "The service recorded no call."
            : $"Call {call.Id} ({call.Outcome ?? "still in progress"}):\n" + string.Join('\n', (await calls.EventsAsync(call.Id)).Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} {e.Name} {e.Detail}"));
}
