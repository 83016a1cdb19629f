using System.Text.RegularExpressions;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Microsoft.Playwright;
using OtpNet;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.EndToEndTests.Accounts;

/// <summary>
/// Needs Debian's chromium and a free loopback port (the portal runs in-process, no Asterisk): a
/// clinician whose role requires a second factor enrols an authenticator app (the test reads the key
/// off the page and computes codes from it) or a passkey (Chromium's virtual authenticator through the
/// DevTools WebAuthn domain), signs out, and signs in again with the password and that factor.
/// The portal is opened as https://localhost: WebAuthn needs a secure context and the relying-party id is localhost.
/// </summary>
public sealed class SecondFactorBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Password = "correct horse battery";
    private const string Test = "second-factor";

    [Fact]
    public async Task AClinicianEnrolsAnAuthenticatorAppSignsOutAndSignsInWithThePasswordAndACode()
    {
        await using var portal = await ArrangeAsync();
        var page = await chromium.NewPageAsync(Localhost(portal));

        await page.GotoAsync("/messages");
        await Chromium.SignInAsync(page, "lee", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/second-factor$"));
        await Expect(page.Locator("#enrol-required")).ToBeVisibleAsync();
        await Expect(page.Locator(".qr svg")).ToBeVisibleAsync();
        var secret = (await page.Locator("#totp-secret").TextContentAsync())!.Trim();
        await Screenshots.SaveAsync(page, Test, "1-enrol");

        await page.Locator("#code").FillAsync(Code(secret, DateTime.UtcNow));
        await page.Locator("button[type=submit]", new PageLocatorOptions { HasText = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Screenshots.SaveAsync(page, Test, "2-recovery-codes");
        await page.Locator("#continue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));

        await page.Locator("button", new PageLocatorOptions { HasText = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GotoAsync("/messages");
        await Chromium.SignInAsync(page, "lee", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/signin/second-factor$"));
        // The code that confirmed the app is used up; the next step's code is within the allowed drift.
        await page.Locator("#code").FillAsync(Code(secret, DateTime.UtcNow.AddSeconds(30)));
        await page.Locator("button[type=submit]", new PageLocatorOptions { HasText = "Verify" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));
        await Expect(page.Locator("header .who")).ToContainTextAsync("lee");
        await Screenshots.SaveAsync(page, Test, "3-signed-in-with-code");
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "signin.second-factor" && e.Detail == "authenticator code");
    }

    [Fact]
    public async Task AClinicianRegistersAPasskeySignsOutAndSignsInWithThePasswordAndThePasskey()
    {
        await using var portal = await ArrangeAsync();
        var page = await chromium.NewPageAsync(Localhost(portal));
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/messages");
        await Chromium.SignInAsync(page, "lee", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account/second-factor$"));
        await page.Locator("#passkey-name").FillAsync("test laptop");
        await page.Locator("#passkey-register").ClickAsync();
        await Expect(page.Locator("#passkey-status")).ToHaveTextAsync("Passkey registered.");
        await Expect(page.Locator("#passkey-recovery-codes li")).ToHaveCountAsync(10);
        await Screenshots.SaveAsync(page, Test, "4-passkey-registered");
        await page.Locator("#passkey-next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));

        await page.Locator("button", new PageLocatorOptions { HasText = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GotoAsync("/messages");
        await Chromium.SignInAsync(page, "lee", Password);
        await Expect(page).ToHaveURLAsync(new Regex("/signin/second-factor$"));
        await page.Locator("#passkey-use").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/messages$"));
        await Expect(page.Locator("header .who")).ToContainTextAsync("lee");
        await Screenshots.SaveAsync(page, Test, "5-signed-in-with-passkey");
        var lee = (await portal.Get<IUserStore>().FindAsync("lee"))!;
        var passkey = Assert.Single(await portal.Get<ISecondFactorStore>().ListPasskeysAsync(lee.Id));
        Assert.Equal("test laptop", passkey.Name);
        Assert.NotNull(passkey.LastUsedAt);
        Assert.Contains(await portal.Get<IAuditLog>().ListAsync(20), e => e.Action == "signin.second-factor" && e.Detail == "passkey 'test laptop'");
    }

    private static async Task<PortalUnderTest> ArrangeAsync()
    {
        var portal = await StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("lee", Password, PortalRole.Clinician, PracticeA, "dr-lee");
        await portal.RequireSecondFactorAsync(PortalRole.Clinician);
        return portal;
    }

    /// <summary>The portal's address by the name passkeys are bound to (it listens on 127.0.0.1, which localhost reaches).</summary>
    private static Uri Localhost(PortalUnderTest portal) => new UriBuilder(portal.BaseAddress) { Host = "localhost" }.Uri;

    private static string Code(string secret, DateTime at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
