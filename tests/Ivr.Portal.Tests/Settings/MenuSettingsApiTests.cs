using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Domain.Accounts;
using Ivr.Domain.Practices;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk; flite and sox as setup installs
/// them): the settings API reads and changes the main menu and the office words, renders the office information
/// ahead on saving, and refuses a bad menu by field.
/// </summary>
public sealed class MenuSettingsApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheApiChangesTheMenuAndOfficeWordsRendersWhatCallersWillHearAndRefusesASharedKey()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = portal.Client();
        var login = await client.PostAsJsonAsync("/api/session", new { username = "ann", password = Password });
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString());
        var url = $"/api/practices/{PracticeA}/settings";

        var read = (await client.GetFromJsonAsync<JsonObject>(url))!;
        var shown = read["menu"]!.ToJsonString();
        read["menu"] = new JsonArray(
            new JsonObject { ["choice"] = "office-information", ["key"] = "4" },
            new JsonObject { ["choice"] = "message", ["key"] = "1" },
            new JsonObject { ["choice"] = "live-person", ["key"] = "2" });
        read["office"] = new JsonObject { ["address"] = "200 River Road,\n Riverside", ["directions"] = "", ["fax"] = "555-0142", ["website"] = "riversidepeds.example" };
        var changed = await client.PutAsJsonAsync(url, read);
        read["revision"] = 2;
        read["menu"] = new JsonArray(new JsonObject { ["choice"] = "message", ["key"] = "1" }, new JsonObject { ["choice"] = "live-person", ["key"] = "1" });
        var invalid = await client.PutAsJsonAsync(url, read);

        Assert.Equal("[{\"choice\":\"message\",\"key\":\"1\"},{\"choice\":\"live-person\",\"key\":\"2\"},{\"choice\":\"nurse\",\"key\":\"3\"}]", shown);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stored = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!;
        Assert.Equal([new(MainMenuChoice.OfficeInformation, '4'), new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2')], stored.Menu.Options);
        Assert.Equal(new OfficeWords { Address = "200 River Road, Riverside", Fax = "555-0142", Website = "riversidepeds.example" }, stored.OfficeWords);

        // Every sentence of the next fourteen days is audio before any caller asks for it.
        var sentences = OfficePrompts.Ahead(stored, portal.Get<TimeProvider>().GetUtcNow());
        Assert.Contains("Our address is 200 River Road, Riverside. Our fax number is 5 5 5, 0 1 4 2. Our website is riversidepeds dot example.", sentences);
        Assert.All(sentences, s => Assert.True(File.Exists(Path.Combine(portal.Directory, "sounds", "ivr", PracticePromptIds.Of(PracticeA, s) + ".wav")), s));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = Assert.Single((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal("menu", error.GetProperty("field").GetString());
        Assert.Contains("key 1 is given to message and live-person", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA)).Count);
    }
}
