using Ivr.Asterisk.IntegrationTests.Support;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Places a SIPp patient call to the practice number and finds its call record afterwards.</summary>
public static class PatientCall
{
    public const string PracticeNumber = "15550100";
    public const string CallerNumber = "5551234567";

    public static Sipp Start(SippScript script, string directory, string number = PracticeNumber) =>
        Sipp.CallScenarioFile(script.WriteTo(directory, CallerNumber), number);

    /// <summary>Waits until the call record of the latest call is closed, and returns it with its messages.</summary>
    public static async Task<(CallRecord Call, IReadOnlyList<PatientMessage> Messages, IReadOnlyList<CallEvent> Events)> CompletedAsync(ICallRecordStore calls, IMessageStore messages, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var call = (await calls.ListAsync(1)).FirstOrDefault();
            if (call?.EndedAt is not null)
            {
                return (call, await messages.ForCallAsync(call.Id), await calls.EventsAsync(call.Id));
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("The call did not complete in time. " + await TimelineAsync(calls, call));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A call's states and decisions as lines, for a failure message (the events hold no patient data).</summary>
    public static async Task<string> TimelineAsync(ICallRecordStore calls, CallRecord? call) =>
        call is null
            ? "The service recorded no call."
            : $"Call {call.Id} ({call.Outcome ?? "still in progress"}):\n" + string.Join('\n', (await calls.EventsAsync(call.Id)).Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} {e.Name} {e.Detail}"));
}
