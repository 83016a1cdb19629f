using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Settings;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the settings page shows
/// the practice's business associate agreement read-only, warns when there is none, and a settings change keeps it.
/// </summary>
public sealed class AgreementPageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheSettingsPageShowsTheRecordedAgreementAndWarnsOfAPracticeWithout()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var store = portal.Get<IPracticeStore>();
        await store.SaveAsync((await store.GetAsync(PracticeB))! with { Agreement = null }, "test");
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = portal.Client();
        (await client.PostAsJsonAsync("/api/session", new { username = "sam", password = Password })).EnsureSuccessStatusCode();

        var signed = await client.GetStringAsync($"/practices/{PracticeA}/settings");
        var unsigned = await client.GetStringAsync($"/practices/{PracticeB}/settings");

        Assert.Contains("id=\"agreement-signed\">2026-01-05</dd>", signed);
        Assert.Contains("id=\"agreement-version\">test-1</dd>", signed);
        Assert.Contains("id=\"agreement-practice-signer\">Dana Whitfield, Practice Manager</dd>", signed);
        Assert.Contains("id=\"agreement-service-signer\">Morgan Reyes, Operations Director</dd>", signed);
        Assert.DoesNotContain("agreement-missing", signed);
        Assert.DoesNotContain("name=\"Form.Agreement", signed);
        Assert.Contains("id=\"agreement-missing\"", unsigned);
        Assert.Contains("No business associate agreement is recorded for this practice.", unsigned);
        Assert.DoesNotContain("id=\"agreement-signed\"", unsigned);
    }

    [Fact]
    public async Task ASettingsChangeFromThePortalKeepsTheAgreementAndTheHistoryShowsWhenItChanged()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        var store = portal.Get<IPracticeStore>();
        var access = portal.Get<SettingsAccess>();
        var admin = new PortalIdentity(2, "ann", PortalRole.PracticeAdmin, PracticeA, null);
        var newer = TestAgreements.Signed with { Version = "test-2", Signed = new DateOnly(2026, 6, 1) };
        await store.SaveAsync((await store.GetAsync(PracticeA))! with { Agreement = newer }, "operator");
        var lookup = await access.OpenAsync(admin, PracticeA);
        var form = SettingsForm.Of(lookup.Practice!, lookup.Revision, access.GreetingWords(lookup.Practice!)).ToRequest();

        var outcome = await access.SaveAsync(admin, PracticeA, form with { Attempts = "4" });
        var history = SettingsAccess.History(await store.RevisionsAsync(PracticeA));

        Assert.Equal(SettingsStatus.Done, outcome.Status);
        Assert.Equal(newer, (await store.GetAsync(PracticeA))!.Agreement);
        var change = history.SelectMany(h => h.Changes).Single(c => c.Setting == "Business associate agreement");
        Assert.StartsWith("version test-1 signed 2026-01-05", change.Before, StringComparison.Ordinal);
        Assert.StartsWith("version test-2 signed 2026-06-01", change.After, StringComparison.Ordinal);
    }
}
