using Microsoft.Playwright;

namespace Ivr.Testing;

/// <summary>
/// Saves a full-page screenshot of each page a test visits, for review, under the test project's
/// <c>screenshots/</c> folder (git ignores it). The names say which test and which step.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Find();

    public static async Task SaveAsync(IPage page, string test, string step)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{test}-{step}.png"), FullPage = true });
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (directory.EnumerateFiles("*.EndToEndTests.csproj").Any())
            {
                return Path.Combine(directory.FullName, "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}
