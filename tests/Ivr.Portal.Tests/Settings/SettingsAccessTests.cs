using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal;
using Ivr.Portal.Accounts;
using Ivr.Portal.Settings;
using Ivr.Server.Practices;
using Ivr.Telephony.Practices;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file (the host runs, no Asterisk); the greeting tests need flite and sox,
/// as setup installs them: who may see and change a practice's settings, that every change is a
/// revision in its author's name, that a stale form is refused, and that a typed greeting becomes audio.
/// </summary>
public sealed class SettingsAccessTests
{
    private static readonly PortalIdentity Supervisor = new(1, "sam", PortalRole.Supervisor, null, null);
    private static readonly PortalIdentity AdminOfA = new(2, "ann", PortalRole.PracticeAdmin, PracticeA, null);
    private static readonly PortalIdentity AdminOfB = new(3, "bob", PortalRole.PracticeAdmin, PracticeB, null);
    private static readonly PortalIdentity ClinicianOfA = new(4, "lee", PortalRole.Clinician, PracticeA, "dr-lee");
    private static readonly PortalIdentity TelecomAdmin = new(5, "tom", PortalRole.TelecomAdmin, null, null);

    [Fact]
    public async Task OnlyTheSupervisorAndThePracticesAdminSeeOrChangeItsSettingsAndEveryRefusalIsAudited()
    {
        await using var portal = await StartSeededAsync();
        var access = portal.Get<SettingsAccess>();
        var request = await FormOfAsync(portal, PracticeA);

        Assert.Equal(LookupStatus.Found, (await access.OpenAsync(AdminOfA, PracticeA)).Status);
        Assert.Equal(LookupStatus.Found, (await access.OpenAsync(Supervisor, PracticeA)).Status);
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(AdminOfB, PracticeA)).Status);
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(ClinicianOfA, PracticeA)).Status);
        Assert.Equal(LookupStatus.Denied, (await access.OpenAsync(TelecomAdmin, PracticeA)).Status);
        Assert.Equal(LookupStatus.NotFound, (await access.OpenAsync(Supervisor, "no-such-practice")).Status);
        Assert.Equal(SettingsStatus.Denied, (await access.SaveAsync(AdminOfB, PracticeA, request with { Attempts = "9" })).Status);
        Assert.Equal(SettingsStatus.Denied, (await access.SaveAsync(ClinicianOfA, PracticeA, request with { Attempts = "9" })).Status);

        Assert.Equal(1, (await access.OpenAsync(Supervisor, PracticeA)).Revision);
        var audit = await portal.Get<IAuditLog>().ListAsync(50);
        var denied = audit.Where(e => e.Action == "practice.denied").ToArray();
        Assert.Equal(5, denied.Length);
        Assert.All(denied, e => Assert.Equal(PracticeA, e.SubjectId));
        Assert.Contains(denied, e => e.Actor == "portal:bob" && e.Detail.StartsWith("practice.settings.change refused: practice-admin of " + PracticeB, StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "practice.settings.view" && e.Actor == "portal:ann");
    }

    [Fact]
    public async Task AChangeIsANewRevisionInItsAuthorsNameWithItsBeforeAndAfterInTheHistory()
    {
        await using var portal = await StartSeededAsync();
        var access = portal.Get<SettingsAccess>();
        var request = await FormOfAsync(portal, PracticeA);

        var outcome = await access.SaveAsync(AdminOfA, PracticeA, request with { RepeatSeconds = "120", Attempts = "4" });
        var again = await access.SaveAsync(AdminOfA, PracticeA, (await FormOfAsync(portal, PracticeA)) with { RepeatSeconds = "120", Attempts = "4" });

        Assert.Equal((SettingsStatus.Done, 2), (outcome.Status, outcome.Revision));
        Assert.Equal(SettingsStatus.Unchanged, again.Status);
        var lookup = await access.OpenAsync(AdminOfA, PracticeA);
        Assert.Equal(new EscalationPolicy(TimeSpan.FromSeconds(120), 4), lookup.Practice!.Escalation);
        var history = SettingsAccess.History(lookup.Revisions!);
        Assert.Equal([2, 1], history.Select(h => h.Revision));
        Assert.Equal("ann", history[0].SavedBy);
        Assert.Equal("Escalation: repeat every 300 s × 3 → repeat every 120 s × 4", Assert.Single(history[0].Changes).Text);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(50), e => e.Action == "practice.settings.change" && e.Actor == "portal:ann" && e.Detail.Contains("120 s × 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFormLoadedBeforeSomeoneElseSavedIsRefusedAndOverwritesNothing()
    {
        await using var portal = await StartSeededAsync();
        var access = portal.Get<SettingsAccess>();
        var annsForm = await FormOfAsync(portal, PracticeA);
        var samsForm = await FormOfAsync(portal, PracticeA);

        var sams = await access.SaveAsync(Supervisor, PracticeA, samsForm with { Attempts = "5" });
        var anns = await access.SaveAsync(AdminOfA, PracticeA, annsForm with { RepeatSeconds = "60" });

        Assert.Equal(SettingsStatus.Done, sams.Status);
        Assert.Equal(SettingsStatus.Stale, anns.Status);
        Assert.Contains("changed by sam", anns.ErrorList[0].Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", anns.ErrorList[0].Message, StringComparison.Ordinal);
        var stored = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal(new EscalationPolicy(TimeSpan.FromMinutes(5), 5), stored.Escalation);
        Assert.Equal(2, (await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA)).Count);
    }

    [Fact]
    public async Task AnInvalidChangeStoresNothing()
    {
        await using var portal = await StartSeededAsync();
        var access = portal.Get<SettingsAccess>();
        var request = await FormOfAsync(portal, PracticeA);
        var hours = request.Hours.ToDictionary(h => h.Key, h => h.Value);
        hours[DayOfWeek.Monday] = [new SettingsRequest.Interval("17:00", "08:00")];

        var outcome = await access.SaveAsync(AdminOfA, PracticeA, request with { Hours = hours, Attempts = "4" });

        Assert.Equal(SettingsStatus.Invalid, outcome.Status);
        Assert.Equal("hours.monday", Assert.Single(outcome.ErrorList).Field);
        Assert.Single(await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA));
    }

    [Fact]
    public async Task ATypedGreetingIsRenderedIntoTheConfiguredSoundsFolderAndThePracticePlaysIt()
    {
        await using var portal = await StartSeededAsync();
        var access = portal.Get<SettingsAccess>();
        var request = await FormOfAsync(portal, PracticeA);

        var outcome = await access.SaveAsync(AdminOfA, PracticeA, request with { GreetingText = "Thank you for calling Riverside Pediatrics. Our office is closed." });

        Assert.Equal(SettingsStatus.Done, outcome.Status);
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal("Thank you for calling Riverside Pediatrics. Our office is closed.", practice.GreetingText);
        Assert.Matches("^greeting-riverside-pediatrics-[0-9a-f]{8}$", practice.GreetingPromptId);
        var wav = Path.Combine(portal.Directory, "sounds", "ivr", practice.GreetingPromptId + ".wav");
        Assert.True(File.Exists(wav), wav);
        Assert.True(WavFormat.IsTelephoneWav(wav));
        Assert.True(new FileInfo(wav).Length > 8000, "a spoken sentence is more than half a second of 8 kHz 16-bit audio");
        Assert.Single(Directory.GetFiles(Path.Combine(portal.Directory, "sounds", "ivr")));
        Assert.Equal("Greeting: prompt greeting-default → “Thank you for calling Riverside Pediatrics. Our office is closed.”", Assert.Single(outcome.Changes!).Text);
    }

    [Theory]
    [InlineData("--Prompts:Flite=/nonexistent/flite", "is not installed")]
    [InlineData("--Prompts:SoundsDirectory=/nonexistent/sounds", "does not exist")]
    public async Task AGreetingThatCannotBeRenderedRefusesTheWholeChange(string setting, string reason)
    {
        await using var portal = await StartSeededAsync(setting);
        var access = portal.Get<SettingsAccess>();
        var request = await FormOfAsync(portal, PracticeA);

        var outcome = await access.SaveAsync(AdminOfA, PracticeA, request with { GreetingText = "Hello from Riverside.", Attempts = "4" });

        Assert.Equal(SettingsStatus.GreetingFailed, outcome.Status);
        Assert.Contains(reason, outcome.ErrorList[0].Message, StringComparison.Ordinal);
        Assert.Contains("nothing was saved", outcome.ErrorList[0].Message, StringComparison.Ordinal);
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal(("greeting-default", string.Empty, 3), (practice.GreetingPromptId, practice.GreetingText, practice.Escalation.AttemptsPerContact));
        Assert.Empty(Directory.GetFiles(Path.Combine(portal.Directory, "sounds"), "*", SearchOption.AllDirectories));
    }

    private static async Task<PortalUnderTest> StartSeededAsync(params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(settings);
        await portal.SeedPracticesAsync();
        return portal;
    }

    /// <summary>The form as the page would show it now, unchanged.</summary>
    private static async Task<SettingsRequest> FormOfAsync(PortalUnderTest portal, string practiceId)
    {
        var lookup = await portal.Get<SettingsAccess>().OpenAsync(Supervisor, practiceId);
        return SettingsForm.Of(lookup.Practice!, lookup.Revision, portal.Get<SettingsAccess>().GreetingWords(lookup.Practice!)).ToRequest();
    }
}
