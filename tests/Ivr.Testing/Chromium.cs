using Microsoft.Playwright;

namespace Ivr.Testing;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (whose own browser download cannot run here).
/// One browser for a test class; each test gets a fresh context, so no cookie carries over.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// How long a page may take to do what a test waits for. Playwright's defaults (30 s for an
    /// action, 5 s for an expectation) are stopwatches that a loaded CI machine runs past: one
    /// sign-in timed out while six builds shared the two cores. These are deadlines for something
    /// that must happen, not waits: a test still fails when it never does.
    /// </summary>
    public static readonly TimeSpan ActionDeadline = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan ExpectationDeadline = TimeSpan.FromSeconds(30);
    private readonly string[] _extraArgs;
    private IPlaywright? _playwright;

    public Chromium()
        : this([])
    {
    }

    /// <summary>A browser with more command-line switches (see <see cref="MediaChromium"/>).</summary>
    internal Chromium(string[] extraArgs) => _extraArgs = extraArgs;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: run scripts/setup (it installs Debian's chromium).");
        Assertions.SetDefaultExpectTimeout((float)ExpectationDeadline.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The sandbox needs user namespaces a root container lacks; no GPU; nothing phones home.
            // Audio may start without a click, so a test can play a recording.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required", .. _extraArgs],
        });
    }

    /// <summary>A page of a fresh context that accepts the portal's self-signed certificate.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)ActionDeadline.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Fills the sign-in form the page shows, submits it, and returns once the portal has answered
    /// the form (its cookie is then set). What the caller checks next (a page, an alert) is waited for
    /// by a polling expectation, which survives the navigation that follows.
    /// </summary>
    /// <remarks>
    /// It used to wait with <c>WaitForLoadStateAsync(DOMContentLoaded)</c> after the click. Playwright
    /// for .NET checks its list of fired load states and only then subscribes to the next one, on a
    /// different thread from the one that receives them: when the new page's "domcontentloaded"
    /// arrived between the two, the wait missed it and hung until its deadline (seen twice under load,
    /// the log ending in later "load" and "networkidle" events). The response wait is armed before the
    /// click, so nothing can slip past it.
    /// </remarks>
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("button[type=submit]", new PageLocatorOptions { HasText = "Sign in" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Request.IsNavigationRequest);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
