using Ivr.Domain.Practices;

namespace Ivr.Domain.Scheduling;

/// <summary>
/// Turns who is on call into whom to ring: each layer's clinician in layer order (a clinician on
/// two layers is rung once), each of their voice contacts in order, then the supervisor, always.
/// </summary>
public static class OnCallChain
{
    public static IReadOnlyList<OnCallContact> Build(OnCallSchedule schedule, DateTimeOffset instant, OnCallContact supervisor, Func<ContactMethod, string> dialString)
    {
        var chain = new List<OnCallContact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in schedule.At(instant))
        {
            if (!seen.Add(assignment.ClinicianId) || schedule.Practice.Clinician(assignment.ClinicianId) is not { } clinician)
            {
                continue;
            }

            var clock = schedule.Practice.Clock();
            var why = $"{Layers.Name(assignment.Layer)}: {assignment.Source}, until {clock.Describe(assignment.Until)}";
            foreach (var contact in clinician.VoiceContacts())
            {
                var verified = contact.Verified ? string.Empty : " (unverified contact)";
                chain.Add(new OnCallContact(clinician.Id, clinician.Name, dialString(contact), schedule.Practice.RingTimeout, why + verified));
            }
        }

        chain.Add(supervisor with { Reason = chain.Count == 0 ? "supervisor: nobody is on call for this practice" : "supervisor: last step of every chain" });
        return chain;
    }
}
