using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Accounts;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS): sign-in tells a guesser nothing and is
/// rate-limited per client address; HSTS is sent to a named host.
/// </summary>
public sealed class SignInAbuseHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AWrongPasswordAnUnknownNameADisabledAccountAndASlowedOneGetByteIdenticalAnswers()
    {
        // The clock stands still: the slowed account stays inside its delay however slow this machine is.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        await portal.AddUserAsync("dis", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("slow", Password, PortalRole.Supervisor);
        var store = portal.Get<IUserStore>();
        await store.SetDisabledAsync((await store.FindAsync("dis"))!.Id, time.GetUtcNow());
        var slow = (await store.FindAsync("slow"))!;
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailureAsync(slow.Id, LockoutPolicy.Default, time.GetUtcNow());
        }

        using var client = portal.Client(followRedirects: false);
        var answers = new List<(HttpStatusCode Status, string? Type, byte[] Body)>();
        foreach (var (username, password) in new[] { ("lee", "wrong password"), ("nobody", Password), ("dis", Password), ("slow", Password) })
        {
            var response = await client.PostAsJsonAsync("/api/session", new { username, password });
            answers.Add((response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Type, a.Type));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.True((await store.FindAsync("slow"))!.MustWait(time.GetUtcNow()), "the slowed account was not inside its delay");
    }

    [Fact]
    public async Task TheFormAnswersTheFourCasesAlikeToo()
    {
        // The clock stands still: the slowed account stays inside its delay however slow this machine is.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await ArrangeAsync(time);
        await portal.AddUserAsync("dis", Password, PortalRole.Supervisor);
        await portal.AddUserAsync("slow", Password, PortalRole.Supervisor);
        var store = portal.Get<IUserStore>();
        await store.SetDisabledAsync((await store.FindAsync("dis"))!.Id, time.GetUtcNow());
        for (var i = 0; i < 5; i++)
        {
            await store.RecordFailureAsync((await store.FindAsync("slow"))!.Id, LockoutPolicy.Default, time.GetUtcNow());
        }

        using var client = portal.Client(followRedirects: false);
        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var (username, password) in new[] { ("lee", "wrong password"), ("nobody", Password), ("dis", Password), ("slow", Password) })
        {
            var token = HiddenToken(await client.GetStringAsync("/signin"));
            var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["__RequestVerificationToken"] = token }));
            // The page echoes the typed name back and carries a fresh antiforgery token: take both out, the rest must match.
            var body = (await response.Content.ReadAsStringAsync()).Replace($"value=\"{username}\"", "value=\"NAME\"", StringComparison.Ordinal);
            answers.Add((response.StatusCode, body.Replace(HiddenToken(body), "TOKEN", StringComparison.Ordinal)));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
    }

    [Fact]
    public async Task TooManySignInsFromOneAddressGet429WithRetryAfterAndOtherRequestsStillPass()
    {
        await using var portal = await ArrangeAsync("--Portal:SignInsPerAddressPerMinute=3");
        using var client = portal.Client(followRedirects: false);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/session", new { username = "nobody", password = "guess" })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password });
        var form = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lee", ["password"] = Password }));
        var page = await client.GetAsync("/signin");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), "no Retry-After of at most a minute");
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, (await portal.Get<IUserStore>().FindAsync("lee"))!.FailedCount);
    }

    [Fact]
    public async Task HstsIsSentToANamedHostAndNotToLoopback()
    {
        await using var portal = await ArrangeAsync();
        using var client = portal.Client(followRedirects: false);
        using var named = new HttpRequestMessage(HttpMethod.Get, "/signin");
        named.Headers.Host = "portal.example.org";

        var loopback = await client.GetAsync("/signin");
        var forNamed = await client.SendAsync(named);

        Assert.False(loopback.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", forNamed.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static Task<PortalUnderTest> ArrangeAsync(params string[] settings) => ArrangeAsync(null, settings);

    private static async Task<PortalUnderTest> ArrangeAsync(TimeProvider? time, params string[] settings)
    {
        var portal = await PortalUnderTest.StartAsync(time, settings);
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        return portal;
    }

    private static string HiddenToken(string html)
    {
        const string Marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
        var start = html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return html[start..html.IndexOf('"', start)];
    }
}
