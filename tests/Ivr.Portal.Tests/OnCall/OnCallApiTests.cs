using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.OnCall;

/// <summary>Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): the on-call API keeps the page's rules.</summary>
public sealed class OnCallApiTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnAdminReadsTheGapAddsAnOverrideWithTheAntiforgeryHeaderAndCancelsIt()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = portal.Client();
        var token = await SignInAsync(client, "ann");
        var from = DateTimeOffset.UtcNow;
        var body = new { layer = "primary", clinicianId = "dr-patel", from, until = from.AddDays(30), reason = "vacation" };

        var before = await client.GetFromJsonAsync<JsonElement>($"/api/practices/{PracticeA}/oncall?days=3");
        var withoutToken = await client.PostAsJsonAsync($"/api/practices/{PracticeA}/oncall/overrides", body);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        var added = await client.PostAsJsonAsync($"/api/practices/{PracticeA}/oncall/overrides", body);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/practices/{PracticeA}/oncall?days=3");
        var otherPractice = await client.GetAsync($"/api/practices/{PracticeB}/oncall");
        var cancelled = await client.DeleteAsync($"/api/practices/{PracticeA}/oncall/overrides/{id}");
        var again = await client.DeleteAsync($"/api/practices/{PracticeA}/oncall/overrides/{id}");

        Assert.Contains(before.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "no-primary");
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.DoesNotContain(after.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "no-primary");
        var primary = after.GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "primary");
        Assert.Contains(primary.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("clinicianId").GetString() == "dr-patel");
        Assert.Equal(HttpStatusCode.Forbidden, otherPractice.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "oncall.denied" && e.SubjectId == PracticeB);
    }

    private static async Task<string> SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
    }
}
