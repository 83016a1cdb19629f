using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Practices;
using Ivr.Portal.Settings;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk; flite and sox as setup installs
/// them): the settings page shows the main menu and the office words, saves a new order, key and words as an audited
/// revision, clears words emptied in the form, and refuses a menu without the message choice beside it.
/// </summary>
public sealed class MenuSettingsPageTests
{
    private const string Password = "correct horse battery";
    private const string Path = $"/practices/{PracticeA}/settings";

    [Fact]
    public async Task ThePageSavesTheMenuOrderKeysAndOfficeWordsAndSaysWhatCallersHearNow()
    {
        await using var portal = await StartSeededAsync();
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        Row(form, "office-information").Key = "4";
        Row(form, "office-information").Order = "1";
        Row(form, "message").Order = "2";
        Row(form, "live-person").Order = "3";
        Row(form, "nurse").Key = string.Empty;
        form.OfficeAddress = "200 River Road, Riverside";
        form.OfficeWebsite = "riversidepeds.example";

        var saved = await client.PostAsync(Path, Post(page, form));

        Assert.Contains("id=\"menu-key-message\" value=\"1\"", page);
        Assert.Contains("id=\"menu-key-nurse\" value=\"3\"", page);
        Assert.DoesNotContain("id=\"menu-key-office-information\" value=", page, StringComparison.Ordinal);
        Assert.Contains("id=\"office-address\"", page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var practice = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal([new(MainMenuChoice.OfficeInformation, '4'), new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2')], practice.Menu.Options);
        Assert.Equal(new OfficeWords { Address = "200 River Road, Riverside", Website = "riversidepeds.example" }, practice.OfficeWords);
        var audit = (await portal.Get<IAuditLog>().ListAsync(50)).Single(e => e.Action == "practice.settings.change");
        Assert.Contains("Main menu: message 1, live-person 2, nurse 3 → office-information 4, message 1, live-person 2", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("Office address: none → “200 River Road, Riverside”", audit.Detail, StringComparison.Ordinal);
        var after = await client.GetStringAsync(Path);
        Assert.Contains("id=\"menu-key-office-information\" value=\"4\"", after);
        Assert.Contains("Now said as: “Our address is 200 River Road, Riverside. Our website is riversidepeds dot example.”", after);

        // Words emptied in the form are cleared, not kept.
        var cleared = await FormAsync(portal);
        cleared.OfficeWebsite = null;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(Path, Post(after, cleared))).StatusCode);
        Assert.Equal(string.Empty, (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!.OfficeWords.Website);
    }

    [Fact]
    public async Task AMenuWithoutTheMessageChoiceIsRefusedAndNothingIsSaved()
    {
        await using var portal = await StartSeededAsync();
        using var client = await SignedInAsync(portal);
        var page = await client.GetStringAsync(Path);
        var form = await FormAsync(portal);
        Row(form, "message").Key = string.Empty;
        Row(form, "live-person").Key = "x";

        var html = await (await client.PostAsync(Path, Post(page, form))).Content.ReadAsStringAsync();

        Assert.Contains("Main menu, live-person: a menu key is one digit 0-9, not &#x27;x&#x27;.", html);
        Assert.Single(await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA));

        Row(form, "live-person").Key = "2";
        html = await (await client.PostAsync(Path, Post(page, form))).Content.ReadAsStringAsync();

        Assert.Contains("Main menu: the menu must offer the message choice (message: 1): a caller can always leave a message.", html);
        Assert.Single(await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA));
    }

    private static SettingsForm.MenuRowForm Row(SettingsForm form, string choice) => form.Menu.Single(r => r.Choice == choice);

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

    /// <summary>The form as the browser posts it: the settings the page always holds, then the menu rows and the office words.</summary>
    private static FormUrlEncodedContent Post(string page, SettingsForm f)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", HiddenToken(page)) };
        void Add(string name, string? value) => fields.Add(new(name, value ?? string.Empty));
        Add("Form.Revision", f.Revision.ToString(CultureInfo.InvariantCulture));
        Add("Form.Coverage", f.Coverage);
        for (var d = 0; d < f.Days.Count; d++)
        {
            for (var s = 0; s < f.Days[d].Open.Count; s++)
            {
                Add($"Form.Days[{d}].Open[{s}]", f.Days[d].Open[s]);
                Add($"Form.Days[{d}].Close[{s}]", f.Days[d].Close.ElementAtOrDefault(s));
            }
        }

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
        for (var i = 0; i < f.Menu.Count; i++)
        {
            Add($"Form.Menu[{i}].Choice", f.Menu[i].Choice);
            Add($"Form.Menu[{i}].Key", f.Menu[i].Key);
            Add($"Form.Menu[{i}].Order", f.Menu[i].Order);
        }

        Add("Form.OfficeShown", "true");
        Add("Form.OfficeAddress", f.OfficeAddress);
        Add("Form.OfficeDirections", f.OfficeDirections);
        Add("Form.OfficeFax", f.OfficeFax);
        Add("Form.OfficeWebsite", f.OfficeWebsite);
        return new FormUrlEncodedContent(fields);
    }

    private static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
