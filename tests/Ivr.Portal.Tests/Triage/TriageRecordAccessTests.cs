using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Triage;
using Ivr.Portal.Accounts;
using Ivr.Portal.Triage;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Triage;

/// <summary>
/// Needs a temporary SQLite file (the host runs, no Asterisk): who may read a kept triage's pathway, that every read and
/// refusal is audited without patient data, and the page linked from the triage's message.
/// </summary>
public sealed class TriageRecordAccessTests
{
    private const string Password = "correct horse battery";
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity ClinicianOfA = new(2, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity AdminOfA = new(3, "ann", PortalRole.PracticeAdmin, PracticeA, null);
    private static readonly PortalIdentity AdminOfB = new(4, "kim", PortalRole.PracticeAdmin, PracticeB, null);
    private static readonly PortalIdentity TelecomAdmin = new(5, "tom", PortalRole.TelecomAdmin, null, null);
    private static readonly PortalIdentity Operator = new(6, "kai", PortalRole.Operator, null, null);
    private static readonly PortalIdentity Garcia = new(7, "garcia", PortalRole.Nurse, null, null);
    private static readonly PortalIdentity Ito = new(8, "ito", PortalRole.Nurse, null, null);

    public static TheoryData<string, bool> Readers => new()
    {
        { "supervisor", true },
        { "clinician of the practice", true },
        { "admin of the practice", true },
        { "nurse who triaged", true },
        { "admin of another practice", false },
        { "telecom admin", false },
        { "operator", false },
        { "another nurse", false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void ThePracticesStaffAndCliniciansTheNurseWhoTriagedAndTheSupervisorMayReadATriage(string who, bool may) =>
        Assert.Equal(may, TriageRecordAccess.MayRead(Identity(who), PracticeA, "garcia"));

    [Fact]
    public async Task AReadIsAuditedAsTriageViewWithThePracticeAndCallAndNoPatientData()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var (triageId, _) = await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.SeeToday, Disposition.Within24Hours);
        var access = portal.Get<TriageRecordAccess>();

        var byClinician = await access.OpenAsync(ClinicianOfA, triageId);
        var byNurse = await access.OpenAsync(Garcia, triageId);

        Assert.Equal(LookupStatus.Found, byClinician.Status);
        Assert.Equal("Fever in a child", byClinician.Record!.Pathway.Protocols.Single().Title);
        Assert.Equal("Riverside Pediatrics", byClinician.Practice!.Name);
        Assert.Equal(LookupStatus.Found, byNurse.Status);
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        var views = audit.Where(e => e.Action == "triage.view").ToList();
        Assert.Equal(["portal:garcia", "portal:lee"], views.Select(e => e.Actor));
        Assert.All(views, e => Assert.Equal(("triage", Id(triageId)), (e.SubjectType, e.SubjectId)));
        Assert.All(views, e => Assert.Equal($"pathway viewed: {PracticeA}, call {byClinician.Record.CallRecordId}", e.Detail));
        Assert.All(audit, e => AssertNoPatientData(e.Detail));
    }

    [Fact]
    public async Task ARefusalIsAuditedAsTriageDeniedAndReadsNothingBackAndAMissingTriageIsNotFound()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var (triageId, _) = await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.HomeCare);
        var access = portal.Get<TriageRecordAccess>();

        var otherPractice = await access.OpenAsync(AdminOfB, triageId);
        var otherNurse = await access.OpenAsync(Ito, triageId);
        var telecom = await access.OpenAsync(TelecomAdmin, triageId);
        var missing = await access.OpenAsync(Supervisor, triageId + 100);

        Assert.Equal((LookupStatus.Denied, (TriageRecord?)null), (otherPractice.Status, otherPractice.Record));
        Assert.Equal(LookupStatus.Denied, otherNurse.Status);
        Assert.Equal(LookupStatus.Denied, telecom.Status);
        Assert.Equal(LookupStatus.NotFound, missing.Status);
        var audit = await portal.Get<IAuditLog>().ListAsync(20);
        Assert.DoesNotContain(audit, e => e.Action == "triage.view");
        var denied = audit.Where(e => e.Action == "triage.denied").ToList();
        Assert.Equal(3, denied.Count);
        Assert.Contains(denied, e => e.Actor == "portal:kim" && e.Detail == $"refused view: practice-admin of {PracticeB}, triage of {PracticeA}");
        Assert.Contains(denied, e => e.Actor == "portal:ito" && e.Detail == "refused view: another nurse's triage");
        Assert.All(denied, e => Assert.Equal(("triage", Id(triageId)), (e.SubjectType, e.SubjectId)));
        Assert.All(audit, e => AssertNoPatientData(e.Detail));
    }

    [Fact]
    public async Task TheTriageMessageLinksToItsPathwayWhichShowsProtocolsAnswersDispositionsOverrideAdviceAndNote()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var (triageId, messageId) = await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.SeeToday, Disposition.Within24Hours);
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.AddUserAsync("kim", Password, PortalRole.PracticeAdmin, PracticeB);
        using var lee = portal.Client();
        await SignInAsync(lee, "lee");
        using var kim = portal.Client();
        await SignInAsync(kim, "kim");

        var message = await lee.GetStringAsync($"/messages/{messageId}");
        var page = await lee.GetStringAsync($"/triage/{triageId}");
        var refused = await kim.GetAsync($"/triage/{triageId}");

        Assert.Contains($"<a href=\"/triage/{triageId}\">", message, StringComparison.Ordinal);
        Assert.Contains("Fever in a child <span class=\"muted\">version 1</span>", page, StringComparison.Ordinal);
        Assert.Contains("example, not for clinical use", page, StringComparison.Ordinal);
        Assert.Contains("Is the child struggling to breathe?", page, StringComparison.Ordinal);
        Assert.Contains("data-answer=\"yes\"><strong>Yes</strong> · Is the child younger than 12 weeks with a fever?", page, StringComparison.Ordinal);
        Assert.Contains("see today", page, StringComparison.Ordinal);
        Assert.Contains("Downgraded from see today to see within 24 hours", page, StringComparison.Ordinal);
        Assert.Contains("settled on a second look", page, StringComparison.Ordinal);
        Assert.Contains("<strong>awaiting the on-call physician's review</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Go now; bring the child&#x27;s medicines.", page, StringComparison.Ordinal);
        Assert.Contains("mother calm", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var audit = await portal.Get<IAuditLog>().ListAsync(30);
        Assert.Contains(audit, e => e.Action == "triage.view" && e.Actor == "portal:lee" && e.SubjectId == Id(triageId));
        Assert.Contains(audit, e => e.Action == "triage.denied" && e.Actor == "portal:kim" && e.SubjectId == Id(triageId));
    }

    [Fact]
    public async Task TheNurseWhoTriagedReadsItsPageAndAnotherNurseGetsNotFound()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var (triageId, _) = await portal.SeedTriageAsync(PracticeA, "garcia", Disposition.HomeCare);
        await portal.AddUserAsync("garcia", Password, PortalRole.Nurse);
        await portal.AddUserAsync("ito", Password, PortalRole.Nurse);
        using var garcia = portal.Client();
        await SignInAsync(garcia, "garcia");
        using var ito = portal.Client();
        await SignInAsync(ito, "ito");

        var own = await garcia.GetAsync($"/triage/{triageId}");
        var other = await ito.GetAsync($"/triage/{triageId}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("/messages/", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    private static PortalIdentity Identity(string who) => who switch
    {
        "supervisor" => Supervisor,
        "clinician of the practice" => ClinicianOfA,
        "admin of the practice" => AdminOfA,
        "nurse who triaged" => Garcia,
        "admin of another practice" => AdminOfB,
        "telecom admin" => TelecomAdmin,
        "operator" => Operator,
        _ => Ito,
    };

    private static void AssertNoPatientData(string detail)
    {
        foreach (var secret in new[] { "5551230000", "Maria", "Ava", "fever", "breathe", "settled", "mother", "medicines" })
        {
            Assert.DoesNotContain(secret, detail, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task SignInAsync(HttpClient client, string username) =>
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
}
