using Ivr.Asterisk.Ami;
using Ivr.Domain.Audit;
using Ivr.Server.EndToEndTests.Support;
using Microsoft.Playwright;

namespace Ivr.Server.EndToEndTests.Portal;

/// <summary>
/// Needs a real Asterisk (scripts/asterisk start), SIPp and Debian's chromium: an operator watches
/// /live while a SIPp patient calls the real service; the call appears without a reload, its IVR state
/// changes from the greeting to recording the name, its number shows only its last digits, and it
/// disappears when the patient hangs up.
/// </summary>
[Collection(RealAsteriskCollection.Name)]
public sealed class LiveViewBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "live";
    [Fact]
    public async Task AnOperatorSeesAPatientCallAppearChangeStateAndDisappearWithoutReloadingThePage()
    {
        await using var ami = await AmiClient.ConnectAsync(RealAsterisk.AmiOptions());
        var portalFolder = Path.Combine(Path.GetTempPath(), "ivr-e2e-portal-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(
                5079,
                ["--Dispatch:Enabled=false", "--Portal:Enabled=true", "--Portal:Port=0", $"--Portal:CertificatePath={Path.Combine(portalFolder, "certificate.pfx")}", $"--Portal:KeysDirectory={Path.Combine(portalFolder, "keys")}"],
                TestPractice.Riverside());
            await AddOperatorAsync(service, "olive");

            var page = await chromium.NewPageAsync(service.PortalAddress);
            await page.GotoAsync("/");
            await Chromium.SignInAsync(page, "olive", Password);
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Live", Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Live · every practice");
            await Expect(page.Locator("#live-calls tr.none")).ToContainTextAsync("No calls in progress.");
            await page.EvaluateAsync("() => { window.__marker = 1; }");
            await Screenshots.SaveAsync(page, Test, "1-no-calls");

            // Greeting and menu, 1 (leave a message), says a name, then hangs up part-way.
            var patient = SippScript.Patient()
                .WhenAsked("main-menu").Press('1')
                .WhenRecording().Speak()
                .HangUp();
            await using var sipp = await PatientCall.StartAsync(patient, service.Directory);

            var row = page.Locator("#live-calls tbody tr[data-call-id]");
            await Expect(row).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
            await Expect(row).ToHaveAttributeAsync("data-state", "greeting", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
            await Expect(row).ToContainTextAsync("Riverside Pediatrics");
            await Expect(row.Locator("td.status")).ToHaveTextAsync("greeting");
            await Expect(row.Locator("td.caller")).ToHaveTextAsync("···" + PatientCall.CallerNumber[^4..]);
            await Expect(row.Locator(".channel[data-role=patient]")).ToContainTextAsync("Up");
            await Screenshots.SaveAsync(page, Test, "2-greeting");

            await Expect(row).ToHaveAttributeAsync("data-state", "record-name", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
            await Expect(row.Locator("td.status")).ToHaveTextAsync("recording name");
            await Screenshots.SaveAsync(page, Test, "3-recording-name");
            Assert.DoesNotContain(PatientCall.CallerNumber, await page.ContentAsync());

            Assert.Equal(0, await sipp.WaitAsync(TimeSpan.FromSeconds(90)));
            await Expect(row).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
            await Expect(page.Locator("#live-calls tr.none")).ToBeVisibleAsync();
            Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__marker"));
            await Screenshots.SaveAsync(page, Test, "4-hung-up");

            var audit = await service.Get<IAuditLog>().ListAsync(50);
            Assert.Contains(audit, e => e.Action == "live.view" && e.Actor == "portal:olive");
            Assert.Contains(audit, e => e.Action == "live.stream" && e.Actor == "portal:olive");
            await RealAsterisk.AssertNoChannelsLeftAsync(ami);
        }
        finally
        {
            try
            {
                Directory.Delete(portalFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The answering service's operator: a supervisor account (every practice's calls).</summary>
    /// <summary>Makes the operator's account as a telecom admin would, with <c>ivr user add</c> against the service's database.</summary>
    private static async Task AddOperatorAsync(ServiceUnderTest service, string username)
    {
        var output = new StringWriter();
        var exitCode = await IvrCommandLine.RunAsync(["user", "add", username, "--role", "supervisor", .. service.Settings], output, output, new StringReader(Password));
        Assert.True(exitCode == 0, output.ToString());
        // This test is about the live view, not sign-in: the supervisor signs in with the password alone.
        exitCode = await IvrCommandLine.RunAsync(["user", "second-factor", "optional", "supervisor", .. service.Settings], output, output, new StringReader(string.Empty));
        Assert.True(exitCode == 0, output.ToString());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
