using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Domain.Accounts;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the settings API reads and changes the desk settings by the page's rules.</summary>
public sealed class DeskSettingsApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheApiReadsTheDeskSettingsChangesThemAndRefusesABadValueByField()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = portal.Client();
        var login = await client.PostAsJsonAsync("/api/session", new { username = "ann", password = Password });
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString());
        var url = $"/api/practices/{PracticeA}/settings";

        var read = (await client.GetFromJsonAsync<JsonObject>(url))!;
        var desk = read["desk"]!.AsObject();
        var shown = desk.ToJsonString();
        desk["livePerson"] = "doctor-direct";
        desk["maxHoldSeconds"] = 60;
        desk["serviceLevel"] = new JsonObject { ["percent"] = 85, ["seconds"] = 15 };
        var changed = await client.PutAsJsonAsync(url, read);
        read["revision"] = 2;
        desk["serviceLevel"] = new JsonObject { ["percent"] = 85, ["seconds"] = 400 };
        var invalid = await client.PutAsJsonAsync(url, read);

        Assert.Contains("\"livePerson\":\"operators-first\"", shown, StringComparison.Ordinal);
        Assert.Contains("\"maxHoldSeconds\":90", shown, StringComparison.Ordinal);
        Assert.Contains("\"serviceLevel\":{\"percent\":80,\"seconds\":20}", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var stored = (await portal.Get<IPracticeStore>().GetAsync(PracticeA))!.Desk;
        Assert.Equal((LivePersonPolicy.DoctorDirect, TimeSpan.FromSeconds(60), new ServiceLevelTarget(85, TimeSpan.FromSeconds(15))), (stored.LivePerson, stored.MaxHold, stored.ServiceLevelTarget));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = Assert.Single((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal("desk.serviceLevel.seconds", error.GetProperty("field").GetString());
        Assert.Equal(2, (await portal.Get<IPracticeStore>().RevisionsAsync(PracticeA)).Count);
    }
}
