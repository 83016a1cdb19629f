using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Messages;
using Ivr.Server.Hosting;
using Ivr.Telephony.Hosting;
using Ivr.Testing;
using static Ivr.Testing.PortalUnderTest;
using Microsoft.Extensions.Configuration;

namespace Ivr.Portal.Tests;

/// <summary>
/// Needs a free loopback port (the real host over HTTPS, its log written to a temporary file): one
/// log line per request, by route template, never the query string nor a path's secrets.
/// </summary>
public sealed class PortalRequestLogTests
{
    private const string Password = "correct horse battery";
    private const string FeedToken = "feedtoken0123456789abcdef";

    [Fact]
    public async Task InJsonEachLineParsesAndARequestLogsOneLineWithItsRouteStatusAndTimeButNoQueryNorToken()
    {
        var log = Path.Combine(Path.GetTempPath(), $"ivr-log-{Guid.NewGuid():N}.json");
        try
        {
            await using (var portal = await PortalUnderTest.StartAsync("--Logging:Format=json", $"--Logging:File={log}"))
            {
                await portal.SeedPracticesAsync();
                await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
                var id = await portal.SeedMessageAsync(PracticeA, Urgency.Urgent, callback: "5559876543");
                using var client = portal.Client(followRedirects: false);
                (await client.PostAsJsonAsync("/api/session", new { username = "lee", password = Password })).EnsureSuccessStatusCode();

                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/messages/{id}?callback=5559876543")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/calendar/{FeedToken}.ics?name=Lee")).StatusCode);
            }

            var text = await File.ReadAllTextAsync(log);
            var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
            var requests = events.Where(e => e.TryGetProperty("RequestRoute", out _)).ToArray();
            var message = Assert.Single(requests, e => e.GetProperty("RequestRoute").GetString()!.StartsWith("/api/messages/{id", StringComparison.Ordinal));
            Assert.Equal("GET", message.GetProperty("RequestMethod").GetString());
            Assert.Equal(200, message.GetProperty("StatusCode").GetInt32());
            Assert.Equal(JsonValueKind.Number, message.GetProperty("Elapsed").ValueKind);
            Assert.StartsWith("HTTP GET /api/messages/{id", message.GetProperty("@m").GetString(), StringComparison.Ordinal);
            Assert.True(message.TryGetProperty("@t", out _));
            var feed = Assert.Single(requests, e => e.GetProperty("RequestRoute").GetString() == "/calendar/{token}.ics");
            Assert.Equal(404, feed.GetProperty("StatusCode").GetInt32());
            Assert.Single(requests, e => e.GetProperty("RequestMethod").GetString() == "POST" && e.GetProperty("RequestRoute").GetString() == "/api/session");
            Assert.Equal(3, requests.Length);
            Assert.DoesNotContain("5559876543", text, StringComparison.Ordinal);
            Assert.DoesNotContain("callback=", text, StringComparison.Ordinal);
            Assert.DoesNotContain("name=Lee", text, StringComparison.Ordinal);
            Assert.DoesNotContain(FeedToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(requests, e => e.TryGetProperty("RequestPath", out _));
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task InTextARequestIsOneReadableLine()
    {
        var log = Path.Combine(Path.GetTempPath(), $"ivr-log-{Guid.NewGuid():N}.txt");
        try
        {
            await using (var portal = await PortalUnderTest.StartAsync($"--Logging:File={log}"))
            {
                using var client = portal.Client(followRedirects: false);
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/messages?resolved=true")).StatusCode);
            }

            var lines = await File.ReadAllLinesAsync(log);
            var request = Assert.Single(lines, l => l.Contains("] HTTP ", StringComparison.Ordinal));
            Assert.Matches(@"INF\] HTTP GET /api/messages/? responded 401 in [0-9.]+ ms", request);
            Assert.DoesNotContain("RequestPath", request, StringComparison.Ordinal);
            Assert.DoesNotContain("resolved", string.Join('\n', lines), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void AnUnknownLogFormatIsRefusedAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = "xml" }).Build();

        var error = Assert.Throws<ArgumentException>(() => IvrLogging.Create(configuration));

        Assert.Contains("Logging:Format", error.Message, StringComparison.Ordinal);
    }
}
