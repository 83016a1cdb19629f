using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Portal.Accounts;
using Ivr.Portal.Settings;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the practice settings
/// page shows the practice's desk settings, saves a change of them as an audited revision, and refuses a bad
/// value beside its field with everything typed kept and nothing saved.
/// </summary>
public sealed class DeskSettingsPageTests
{
    private const string Password = "correct horse battery";
    private const string Path = $"/practices/{PracticeA}/settings";

    [Fact]
    public async Task ThePageShowsTheDeskSettingsAndSavesAChangeAsAnAuditedRevision()
    {
        await using var portal = await StartSeededAsync();
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        form.LivePerson = "operators-during-hours";
        form.OperatorDays[5].Open[0] = "08:00";
        form.OperatorDays[5].Close[0] = "24:00";
        form.MaxHoldSeconds = "120";
        form.AfterMaxHoldDoctor = false;
        form.ServiceLevelPercent = "90";
        form.ServiceLevelSeconds = "30";
        form.Instructions = "Never page for prescription refills.\r\nED transfers: page the doctor first.";
        form.OperatorGreeting = "{practice}, this is {operator}. How may I help?";

        var saved = await client.PostAsync(Path, Post(page, form));

        Assert.Contains("id=\"live-person\"", page);
        Assert.Contains("<option value=\"operators-first\" selected=\"selected\">", page);
        Assert.Contains("id=\"max-hold-seconds\" value=\"90\"", page);
        Assert.Contains("id=\"after-max-hold-doctor\" value=\"true\" checked=\"checked\"", page);
        Assert.Contains("id=\"service-level-percent\" value=\"80\"", page);
        Assert.Contains("id=\"service-level-seconds\" value=\"20\"", page);
        Assert.Contains("id=\"operator-greeting\" value=\"{practice} answering service, this is {operator}, how can I help?\"", page);
        Assert.Contains("answering service, this is Sam, how can I help?</span>", page);
        Assert.Contains("never write patient data here", page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Path}?saved=2", saved.Headers.Location!.OriginalString);
        var desk = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!.Desk;
        Assert.Equal(LivePersonPolicy.OperatorsDuringHours, desk.LivePerson);
        Assert.Equal([new OpeningInterval(new TimeOnly(8, 0), OpeningInterval.Midnight)], desk.OperatorHours.On(DayOfWeek.Saturday));
        Assert.Equal(TimeSpan.FromSeconds(120), desk.MaxHold);
        Assert.False(desk.AfterMaxHoldDoctor);
        Assert.Equal(new ServiceLevelTarget(90, TimeSpan.FromSeconds(30)), desk.ServiceLevelTarget);
        Assert.Equal("Never page for prescription refills.\nED transfers: page the doctor first.", desk.Instructions);
        Assert.Equal("{practice}, this is {operator}. How may I help?", desk.OperatorGreeting);
        var audit = (await portal.Get<IAuditLog>().ListAsync(50)).Single(e => e.Action == "practice.settings.change");
        Assert.Contains("Maximum hold: 90 s → 120 s", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Live person: operators-first → operators-during-hours", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Service level target: 80 % within 20 s → 90 % within 30 s", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Doctor after maximum hold: offered → not offered", audit.Detail, StringComparison.Ordinal);
        var after = await client.GetStringAsync($"{Path}?saved=2");
        Assert.Contains("<option value=\"operators-during-hours\" selected=\"selected\">", after);
        Assert.Contains("id=\"operator-open-saturday-0\" value=\"08:00\"", after);
        Assert.Contains("id=\"max-hold-seconds\" value=\"120\"", after);
        Assert.DoesNotContain("id=\"after-max-hold-doctor\" value=\"true\" checked", after);
        Assert.Contains("data-setting=\"Operator hours Saturday\"", after);
    }

    [Fact]
    public async Task ABadValueIsRefusedBesideItsFieldWithEverythingTypedKeptAndNothingSaved()
    {
        await using var portal = await StartSeededAsync();
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        form.MaxHoldSeconds = "5";
        form.ServiceLevelPercent = "101";
        form.Instructions = "Never page for refills.";
        form.OperatorGreeting = "{clinic} answering, this is {operator}";
        form.LivePerson = "operators-during-hours";

        var refused = await client.PostAsync(Path, Post(page, form));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Nothing was saved.", html);
        Assert.Contains("id=\"max-hold-seconds\" value=\"5\" class=\"invalid\"", html);
        Assert.Contains("id=\"service-level-percent\" value=\"101\" class=\"invalid\"", html);
        Assert.Contains("id=\"operator-greeting\" value=\"{clinic} answering, this is {operator}\"", html);
        Assert.Contains(">Never page for refills.</textarea>", html);
        Assert.Contains("<option value=\"operators-during-hours\" selected=\"selected\">", html);
        AssertBeside(html, "id=\"max-hold-seconds\"", "<p class=\"field-error\">Maximum hold: maxHoldSeconds is a whole number from 15 to 600");
        AssertBeside(html, "id=\"service-level-seconds\"", "<p class=\"field-error\">Service level target: percent is a whole number from 1 to 100");
        AssertBeside(html, "id=\"operator-greeting\"", "<p class=\"field-error\">Operator greeting: the operator greeting names {clinic}, which is unknown");
        Assert.Single(await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA));
        Assert.True((await portal.Get<IPracticeStore>().GetAsync(PracticeA))!.Desk.IsDefault);
        Assert.DoesNotContain(await portal.Get<IAuditLog>().ListAsync(50), e => e.Action == "practice.settings.change");
    }

    [Fact]
    public async Task OperatorsDuringHoursWithoutHoursIsRefusedBesideThePolicy()
    {
        await using var portal = await StartSeededAsync();
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        form.LivePerson = "operators-during-hours";

        var html = await (await client.PostAsync(Path, Post(page, form))).Content.ReadAsStringAsync();

        AssertBeside(html, "id=\"live-person\"", "<p class=\"field-error\">Live person: " + DeskRules.HoursNeeded);
        Assert.Single(await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA));
    }

    [Fact]
    public async Task AnApiClientThatSendsNoDeskKeepsTheStoredOne()
    {
        await using var portal = await StartSeededAsync();
        var store = portal.Get<IPracticeStore>();
        var access = portal.Get<SettingsAccess>();
        var admin = new PortalIdentity(2, "ann", PortalRole.PracticeAdmin, PracticeA, null);
        var desk = new DeskSettings { LivePerson = LivePersonPolicy.DoctorDirect, Instructions = "Never page for prescription refills." };
        await store.SaveAsync((await store.GetAsync(PracticeA))! with { Desk = desk }, "test");
        var lookup = await access.OpenAsync(admin, PracticeA);
        var request = SettingsForm.Of(lookup.Practice!, lookup.Revision, access.GreetingWords(lookup.Practice!)).ToRequest() with { Desk = null, Attempts = "4" };

        var outcome = await access.SaveAsync(admin, PracticeA, request);

        Assert.Equal(SettingsStatus.Done, outcome.Status);
        var stored = (await store.GetAsync(PracticeA))!.Desk;
        Assert.Equal((LivePersonPolicy.DoctorDirect, "Never page for prescription refills."), (stored.LivePerson, stored.Instructions));
        Assert.Equal("4", SettingsForm.Of((await store.GetAsync(PracticeA))!, 3, string.Empty).Attempts);
    }

    [Fact]
    public async Task SavingTheSettingsKeepsThePracticesOutboundRules()
    {
        await using var portal = await StartSeededAsync();
        var practices = portal.Get<IPracticeStore>();
        var outbound = new OutboundSettings { Rules = Ivr.Domain.Outbound.CallingRules.Default with { WindowStart = new TimeOnly(9, 0) }, MaxChannels = 2 };
        await practices.SaveAsync((await practices.GetAsync(PracticeA))! with { Outbound = outbound }, "test");
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        form.MaxHoldSeconds = "120";

        var saved = await client.PostAsync(Path, Post(page, form));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var practice = (await practices.GetAsync(PracticeA))!;
        Assert.Equal(TimeSpan.FromSeconds(120), practice.Desk.MaxHold);
        Assert.Equal(outbound.Rules, practice.Outbound.Rules);
        Assert.Equal(2, practice.Outbound.MaxChannels);
    }

    private static async Task<PortalUnderTest> StartSeededAsync()
    {
        var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        return portal;
    }

    private static async Task<HttpClient> SignedInAsync(PortalUnderTest portal)
    {
        var client = portal.Client(followRedirects: false);
        (await client.PostAsJsonAsync("/api/session", new { username = "sam", password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<SettingsForm> FormAsync(PortalUnderTest portal)
    {
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        var revisions = await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA);
        return SettingsForm.Of(practice, revisions[^1].Revision, portal.Get<SettingsAccess>().GreetingWords(practice));
    }

    /// <summary>The form as the browser posts it: every field by name, the checkbox only when ticked.</summary>
    private static FormUrlEncodedContent Post(string page, SettingsForm f)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", HiddenToken(page)) };
        void Add(string name, string? value) => fields.Add(new(name, value ?? string.Empty));
        void Days(string prefix, List<SettingsForm.DayForm> days)
        {
            for (var d = 0; d < days.Count; d++)
            {
                for (var s = 0; s < days[d].Open.Count; s++)
                {
                    Add($"Form.{prefix}[{d}].Open[{s}]", days[d].Open[s]);
                    Add($"Form.{prefix}[{d}].Close[{s}]", days[d].Close.ElementAtOrDefault(s));
                }
            }
        }

        Add("Form.Revision", f.Revision.ToString(CultureInfo.InvariantCulture));
        Add("Form.Coverage", f.Coverage);
        Days("Days", f.Days);
        if (f.UsFederal)
        {
            Add("Form.UsFederal", "true");
        }

        for (var i = 0; i < f.Holidays.Count; i++)
        {
            Add($"Form.Holidays[{i}].Date", f.Holidays[i].Date);
            Add($"Form.Holidays[{i}].Name", f.Holidays[i].Name);
        }

        for (var i = 0; i < f.Closures.Count; i++)
        {
            Add($"Form.Closures[{i}].From", f.Closures[i].From);
            Add($"Form.Closures[{i}].Until", f.Closures[i].Until);
            Add($"Form.Closures[{i}].Reason", f.Closures[i].Reason);
        }

        Add("Form.Greeting", f.Greeting);
        Add("Form.RepeatSeconds", f.RepeatSeconds);
        Add("Form.Attempts", f.Attempts);
        Add("Form.LivePerson", f.LivePerson);
        Days("OperatorDays", f.OperatorDays);
        Add("Form.MaxHoldSeconds", f.MaxHoldSeconds);
        if (f.AfterMaxHoldDoctor)
        {
            Add("Form.AfterMaxHoldDoctor", "true");
        }

        Add("Form.ServiceLevelPercent", f.ServiceLevelPercent);
        Add("Form.ServiceLevelSeconds", f.ServiceLevelSeconds);
        Add("Form.Instructions", f.Instructions);
        Add("Form.OperatorGreeting", f.OperatorGreeting);
        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The error comes after its field and before the next field of the form.</summary>
    private static void AssertBeside(string html, string field, string error)
    {
        var at = html.IndexOf(field, StringComparison.Ordinal);
        var message = html.IndexOf(error, at, StringComparison.Ordinal);
        Assert.True(at >= 0 && message > at, $"no '{error}' after {field}");
        Assert.DoesNotContain("<input", html[(html.IndexOf('>', at) + 1)..message], StringComparison.Ordinal);
        Assert.DoesNotContain("<select", html[(html.IndexOf('>', at) + 1)..message], StringComparison.Ordinal);
    }

    private static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
