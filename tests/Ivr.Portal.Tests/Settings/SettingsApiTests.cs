using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the settings API keeps the page's rules.</summary>
public sealed class SettingsApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnAdminReadsTheSettingsChangesThemWithTheAntiforgeryHeaderAndAStaleOrOtherPracticesChangeIsRefused()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = portal.Client();
        var token = await SignInAsync(client, "ann");
        var url = $"/api/practices/{PracticeA}/settings";

        var read = (await client.GetFromJsonAsync<JsonObject>(url))!;
        read["escalation"] = new JsonObject { ["repeatSeconds"] = 120, ["attempts"] = 4 };
        read["hours"]!["saturday"] = new JsonArray(new JsonObject { ["open"] = "09:00", ["close"] = "12:00" });
        var withoutToken = await client.PutAsJsonAsync(url, read);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var changed = await client.PutAsJsonAsync(url, read);
        var stale = await client.PutAsJsonAsync(url, read);
        var after = await client.GetFromJsonAsync<JsonElement>(url);
        read["revision"] = after.GetProperty("revision").GetInt32();
        read["hours"]!["monday"] = new JsonArray(new JsonObject { ["open"] = "17:00", ["close"] = "08:00" });
        var invalid = await client.PutAsJsonAsync(url, read);
        var otherPractice = await client.GetAsync($"/api/practices/{PracticeB}/settings");
        var otherChange = await client.PutAsJsonAsync($"/api/practices/{PracticeB}/settings", read);

        Assert.Single(read["history"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by ann", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, after.GetProperty("revision").GetInt32());
        Assert.Equal(120, after.GetProperty("escalation").GetProperty("repeatSeconds").GetInt32());
        var latest = after.GetProperty("history")[0];
        Assert.Equal("ann", latest.GetProperty("savedBy").GetString());
        Assert.Equal(
            ["Hours Saturday: closed → 09:00-12:00", "Escalation: repeat every 300 s × 3 → repeat every 120 s × 4"],
            latest.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.EndsWith("(-05:00)", latest.GetProperty("savedAtLocal").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal("hours.monday", error.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherPractice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherChange.StatusCode);
        Assert.Equal(2, (await portal.Get<Ivr.Domain.Practices.IPracticeStore>().RevisionsAsync(PracticeA)).Count);
        Assert.Equal(2, (await portal.Get<IAuditLog>().ListAsync(50)).Count(e => e.Action == "practice.denied" && e.SubjectId == PracticeB));
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
