using Microsoft.Playwright;

namespace Ivr.Testing;

/// <summary>
/// <see cref="Chromium"/> for WebRTC: a fake microphone (a tone) granted without asking, and ICE
/// candidates on loopback, where Asterisk takes the softphone's audio here (Phones:MediaAddress).
/// </summary>
public sealed class MediaChromium : IAsyncLifetime
{
    private readonly Chromium _chromium = new(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection"]);

    public IBrowser Browser => _chromium.Browser;

    public Task InitializeAsync() => _chromium.InitializeAsync();

    /// <inheritdoc cref="Chromium.NewPageAsync"/>
    public Task<IPage> NewPageAsync(Uri baseAddress) => _chromium.NewPageAsync(baseAddress);

    public Task DisposeAsync() => _chromium.DisposeAsync();
}
