using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Domain.Reports;
using Ivr.Domain.Triage;

namespace Ivr.Portal.Reports;

/// <summary>
/// A month's report a user asked for, when they may have it: of <see cref="Practice"/> (counted in its
/// zone) or, when that is null, of every practice (counted in UTC). <see cref="Names"/> names the
/// practices billed. <see cref="Desk"/> is the operator desk's month and <see cref="Triage"/> nurse triage's (each practice in its own zone).
/// </summary>
public sealed record ReportLookup(LookupStatus Status, MonthlyReport? Report = null, Practice? Practice = null, IReadOnlyDictionary<string, string>? Names = null, DeskReport? Desk = null, TriageReport? Triage = null)
{
    public string Zone => Practice?.TimeZone ?? "UTC";

    public string Name(string practiceId) => Names?.GetValueOrDefault(practiceId) ?? practiceId;
}
