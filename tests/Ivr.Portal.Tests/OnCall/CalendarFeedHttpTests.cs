using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Ivr.Data;
using Ivr.Domain.Accounts;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.OnCall;

/// <summary>Needs a free loopback port (the real host over HTTPS, no browser, no Asterisk): the calendar feed's address and token.</summary>
public sealed partial class CalendarFeedHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheFeedAddressComesFromTheConfiguredPortalAddressNotTheHostHeader()
    {
        await using var portal = await ArrangeAsync("--Portal:PublicUrl=https://portal.riverside.test/");
        using var client = portal.Client();
        await SignInAsync(client, "lee");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/oncall/{PracticeA}/clinicians/dr-lee");
        request.Headers.Host = "evil.example";
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("href=\"https://portal.riverside.test/calendar/[A-Za-z0-9_-]{43}.ics\"", page);
        Assert.DoesNotContain("evil.example", page);
    }

    [Fact]
    public async Task TheTokenIsStoredOnlyHashedOrEncryptedAndTheFeedDiesWithTheCliniciansAccount()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client();
        await SignInAsync(client, "lee");
        var page = await client.GetStringAsync($"/oncall/{PracticeA}/clinicians/dr-lee");
        var token = FeedToken().Match(page).Groups[1].Value;

        var before = await client.GetAsync($"/calendar/{token}.ics");
        string[] stored;
        await using (var connection = await portal.Get<Database>().OpenAsync())
        {
            stored = (await connection.QueryAsync<(string, string)>("SELECT token_hash, token_enc FROM calendar_feeds")).SelectMany(r => new[] { r.Item1, r.Item2 }).ToArray();
        }

        // The account is disabled, as the supervisor would: the feed dies with it.
        var lee = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        await portal.Get<PortalAccounts>().DisableAsync(lee, "supervisor");

        var after = await client.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(2, stored.Length);
        Assert.Contains(SqliteCalendarFeedStore.Hash(token), stored);
        Assert.DoesNotContain(stored, s => s.Contains(token, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [GeneratedRegex("/calendar/([A-Za-z0-9_-]{43})\\.ics")]
    private static partial Regex FeedToken();

    private static async Task<PortalUnderTest> ArrangeAsync(params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(settings);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static async Task SignInAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/api/session", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        _ = await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
