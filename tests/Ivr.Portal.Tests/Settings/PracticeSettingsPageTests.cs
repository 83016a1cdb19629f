using System.Net;
using System.Net.Http.Json;
using Ivr.Domain.Accounts;
using Ivr.Domain.Outbound;
using Ivr.Domain.Practices;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Settings;

/// <summary>
/// Needs a temporary SQLite file and a free loopback port (the host runs, no Asterisk): the practice settings page
/// shows what only the practice file sets: the practice's outbound rules (its <c>outbound:</c>), the defaults for a
/// practice without them, and the key its menu gives the nurse line.
/// </summary>
public sealed class PracticeSettingsPageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ThePageShowsThePracticesOutboundRulesAndTheDefaultsForAPracticeWithout()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        var practices = portal.Get<IPracticeStore>();
        var riverside = (await practices.GetAsync(PracticeA))!;
        await practices.SaveAsync(riverside with
        {
            Outbound = new OutboundSettings
            {
                Rules = new CallingRules { WindowStart = new TimeOnly(9, 30), WindowEnd = new TimeOnly(19, 0), MaxPerDay = 2, MaxPerWeek = 4 },
                MaxChannels = 3,
                Retry = new RetryRules { MaxAttempts = 5, Waits = [TimeSpan.FromMinutes(45), TimeSpan.FromDays(1)] },
            },
        }, "test");
        using var client = await SignedInAsync(portal);

        var set = WebUtility.HtmlDecode(await client.GetStringAsync($"/practices/{PracticeA}/settings"));
        var defaults = WebUtility.HtmlDecode(await client.GetStringAsync($"/practices/{PracticeB}/settings"));

        Assert.Contains("<h2>Outbound calls</h2>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-window\">09:30-19:00</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-per-day\">2</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-per-week\">4</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-channels\">3</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-attempts\">5</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-waits\">45m, 1d</span>", set, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-window\">08:00-21:00</span>", defaults, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-per-day\">1</span>", defaults, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-per-week\">3</span>", defaults, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-channels\">4</span>", defaults, StringComparison.Ordinal);
        Assert.Contains("<span id=\"outbound-waits\">30m, 2h, 1d</span>", defaults, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNurseLineNamesTheKeyThePracticesOwnMenuGivesIt()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        var practices = portal.Get<IPracticeStore>();
        var riverside = (await practices.GetAsync(PracticeA))!;
        var harbor = (await practices.GetAsync(PracticeB))!;
        MainMenuOption[] ownMenu = [new(MainMenuChoice.Message, '1'), new(MainMenuChoice.LivePerson, '2'), new(MainMenuChoice.OfficeInformation, '3'), new(MainMenuChoice.Nurse, '4')];
        await practices.SaveAsync(riverside with { Desk = riverside.Desk with { NurseOption = true }, Menu = new MainMenuSettings { Options = ownMenu } }, "test");
        await practices.SaveAsync(harbor with { Desk = harbor.Desk with { NurseOption = true } }, "test");
        using var client = await SignedInAsync(portal);

        var own = WebUtility.HtmlDecode(await client.GetStringAsync($"/practices/{PracticeA}/settings"));
        var standard = WebUtility.HtmlDecode(await client.GetStringAsync($"/practices/{PracticeB}/settings"));

        Assert.Contains("Nurse line: the main menu offers \"to speak with a nurse, press 4\";", own, StringComparison.Ordinal);
        Assert.Contains("Nurse line: the main menu offers \"to speak with a nurse, press 3\";", standard, StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignedInAsync(PortalUnderTest portal)
    {
        var client = portal.Client(followRedirects: false);
        (await client.PostAsJsonAsync("/api/session", new { username = "sam", password = Password })).EnsureSuccessStatusCode();
        return client;
    }
}
