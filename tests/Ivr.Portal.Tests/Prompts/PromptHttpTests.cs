using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Ivr.Data;
using Ivr.Domain.Accounts;
using Ivr.Domain.Audit;
using Ivr.Domain.Prompts;
using static Ivr.Testing.PortalUnderTest;

namespace Ivr.Portal.Tests.Prompts;

/// <summary>
/// Needs sox, a temporary SQLite file and a free loopback port (the host runs, no Asterisk): a practice admin uploads a
/// WAV made here for the practice's greeting, hears the draft, keeps it, sees it listed as uploaded and reverts it;
/// another practice's admin is refused and audited; files that are not audio, or are silent, are refused in words.
/// </summary>
public sealed partial class PromptHttpTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task AnAdminUploadsHearsKeepsAndRevertsTheGreetingAndCallsWouldPlayIt()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        using var client = await SignInAsync(portal, "ann");

        var page = await client.GetStringAsync($"/prompts/{PracticeA}");
        Assert.Contains("<td class=\"voice\" id=\"voice-greeting\">default voice", page, StringComparison.Ordinal);

        var uploaded = await UploadAsync(client, page, PromptRecording.Greeting, TestWav.Tone(TimeSpan.FromSeconds(2)), "greeting.wav");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var draftPage = await uploaded.Content.ReadAsStringAsync();
        var draft = WebUtility.HtmlDecode(DraftField().Match(draftPage).Groups[1].Value);
        Assert.StartsWith($"ivr/.drafts/{PracticeA}/greeting-", draft, StringComparison.Ordinal);
        Assert.Contains("New recording, 2.0 seconds:", draftPage, StringComparison.Ordinal);
        var preview = await client.GetAsync($"/prompts/{PracticeA}/greeting/audio?draft={Uri.EscapeDataString(draft)}");
        Assert.Equal("audio/wav", preview.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await preview.Content.ReadAsByteArrayAsync())[..4]);

        var kept = await PostAsync(client, draftPage, "Keep", new() { ["promptId"] = PromptRecording.Greeting, ["draft"] = draft });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var listed = await client.GetStringAsync($"/prompts/{PracticeA}?kept=greeting");
        Assert.Contains("<td class=\"voice\" id=\"voice-greeting\">uploaded<br><small>by ann,", listed, StringComparison.Ordinal);
        var recording = Assert.Single(await portal.Get<IPromptRecordingStore>().ListAsync(PracticeA, CancellationToken.None));
        Assert.Equal(PromptVoice.Uploaded, recording.Voice);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/prompts/{PracticeA}/greeting/audio")).StatusCode);
        Assert.Equal(recording.Sound, portal.Get<Ivr.Telephony.Prompts.PromptSounds>().Sound((await portal.Get<Ivr.Domain.Practices.IPracticeStore>().GetAsync(PracticeA))!.ToProfile(), "greeting-default"));

        var reverted = await PostAsync(client, listed, "Revert", new() { ["promptId"] = PromptRecording.Greeting });
        Assert.Equal(HttpStatusCode.Redirect, reverted.StatusCode);
        Assert.Empty(await portal.Get<IPromptRecordingStore>().ListAsync(PracticeA, CancellationToken.None));
        Assert.Contains("<td class=\"voice\" id=\"voice-greeting\">default voice", await client.GetStringAsync($"/prompts/{PracticeA}"), StringComparison.Ordinal);
        var actions = (await portal.Get<IAuditLog>().ListAsync(50)).Select(e => e.Action).ToList();
        Assert.Contains("prompt.prepare", actions);
        Assert.Contains("prompt.keep", actions);
        Assert.Contains("prompt.revert", actions);
        Assert.Equal(
            ["kept", "reverted"],
            (await portal.Get<SqlitePromptRecordingStore>().HistoryAsync(PracticeA)).Select(h => h.Action));
    }

    [Fact]
    public async Task AnotherPracticesAdminIsRefusedThePagesAudioAndChangesAndTheRefusalIsAudited()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("ann", Password, PortalRole.PracticeAdmin, PracticeA);
        await portal.AddUserAsync("hale", Password, PortalRole.PracticeAdmin, PracticeB);
        using var hale = await SignInAsync(portal, "hale");
        var own = await hale.GetStringAsync($"/prompts/{PracticeB}");

        Assert.Equal(HttpStatusCode.Forbidden, (await hale.GetAsync($"/prompts/{PracticeA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hale.GetAsync("/prompts/shared")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hale.GetAsync($"/prompts/{PracticeA}/greeting/audio")).StatusCode);
        var upload = await UploadAsync(hale, own, PromptRecording.Greeting, TestWav.Tone(TimeSpan.FromSeconds(2)), "greeting.wav", PracticeA);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(hale, own, "Revert", new() { ["promptId"] = PromptRecording.Greeting }, PracticeA)).StatusCode);

        Assert.Empty(await portal.Get<IPromptRecordingStore>().AllAsync(CancellationToken.None));
        var denied = (await portal.Get<IAuditLog>().ListAsync(50)).Where(e => e.Action == "prompt.denied").ToList();
        Assert.True(denied.Count >= 4, string.Join("\n", denied.Select(d => d.Detail)));
    }

    [Fact]
    public async Task AFileWellPastTheLimitIsReadAndRefusedInWordsWithItsSizeAndNothingChanges()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = await SignInAsync(portal, "sam");
        var page = await client.GetStringAsync($"/prompts/{PracticeA}");

        var refused = await UploadAsync(client, page, PromptRecording.Greeting, new byte[12 * 1024 * 1024], "long.wav");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The file is 12 MB; a recording may be at most 10 MB.", text, StringComparison.Ordinal);
        Assert.Empty(await portal.Get<IPromptRecordingStore>().AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AFileThatIsNotAudioAndASilentRecordingAreRefusedInWordsAndNothingChanges()
    {
        await using var portal = await PortalUnderTest.StartAsync();
        await portal.SeedPracticesAsync();
        await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
        using var client = await SignInAsync(portal, "sam");
        var page = await client.GetStringAsync($"/prompts/{PracticeA}");

        var text = await (await UploadAsync(client, page, PromptRecording.Greeting, "not a sound at all"u8.ToArray(), "notes.wav")).Content.ReadAsStringAsync();
        var silent = await (await UploadAsync(client, page, PromptRecording.Greeting, Silence(TimeSpan.FromSeconds(2)), "silence.wav")).Content.ReadAsStringAsync();

        Assert.Contains("That file is not a sound file this service reads.", WebUtility.HtmlDecode(text), StringComparison.Ordinal);
        Assert.Contains("The recording is silent: nothing in it could be heard.", WebUtility.HtmlDecode(silent), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"draft-greeting\"", silent, StringComparison.Ordinal);
        Assert.Empty(await portal.Get<IPromptRecordingStore>().AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task APracticesListNumbersItsPromptsAsTheManifestDoesWithoutOtherPracticesGreetingsAndTheSharedListHasThemAll()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"ivr-manifest-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(manifest, ["# prompts", "greeting-default | Thank you for calling.", "greeting-harbor-internal-medicine | Thank you for calling Harbor.", "emergency | If this is an emergency, hang up and dial 9 1 1.", "main-menu | To leave a message, press 1."]);
        try
        {
            await using var portal = await PortalUnderTest.StartAsync($"--Practices:PromptManifest={manifest}");
            await portal.SeedPracticesAsync();
            await portal.AddUserAsync("sam", Password, PortalRole.Supervisor);
            using var client = await SignInAsync(portal, "sam");

            var practice = WebUtility.HtmlDecode(await client.GetStringAsync($"/prompts/{PracticeA}"));
            var shared = WebUtility.HtmlDecode(await client.GetStringAsync("/prompts/shared"));

            Assert.Contains("<tr id=\"prompt-greeting\">\n            <td class=\"number\">0</td>", practice, StringComparison.Ordinal);
            Assert.Contains("<tr id=\"prompt-emergency\">\n            <td class=\"number\">3</td>", practice, StringComparison.Ordinal);
            Assert.Contains("<tr id=\"prompt-main-menu\">\n            <td class=\"number\">4</td>", practice, StringComparison.Ordinal);
            Assert.Contains("To leave a message, press 1.", practice, StringComparison.Ordinal);
            Assert.DoesNotContain("prompt-greeting-harbor-internal-medicine", practice, StringComparison.Ordinal);
            Assert.Contains("<tr id=\"prompt-greeting-harbor-internal-medicine\">\n            <td class=\"number\">2</td>", shared, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"prompt-greeting\"", shared, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private static async Task<HttpClient> SignInAsync(PortalUnderTest portal, string username)
    {
        var client = portal.Client(followRedirects: false);
        (await client.PostAsJsonAsync("/api/session", new { username, password = Password })).EnsureSuccessStatusCode();
        return client;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string page, string promptId, byte[] bytes, string name, string owner = PracticeA)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(PortalHttpTests.HiddenToken(page)), "__RequestVerificationToken" },
            { new StringContent(promptId), "promptId" },
            { new ByteArrayContent(bytes), "upload", name },
        };
        return client.PostAsync($"/prompts/{owner}?handler=Upload", form);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields, string owner = PracticeA)
    {
        fields["__RequestVerificationToken"] = PortalHttpTests.HiddenToken(page);
        return client.PostAsync($"/prompts/{owner}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>A WAV of the given length holding nothing but zeros.</summary>
    private static byte[] Silence(TimeSpan length)
    {
        var wav = TestWav.Tone(length);
        Array.Clear(wav, 44, wav.Length - 44);
        return wav;
    }

    [GeneratedRegex("name=\"draft\" value=\"([^\"]+)\"")]
    private static partial Regex DraftField();
}
