namespace Ivr.Data;

/// <summary>
/// Seals recordings once a call is over: the audio is encrypted to <c>FILE.enc</c> and the plain file
/// removed. Files are sealed whole, in memory: a 3-minute 8 kHz message is under 3 MB. Each is bound to
/// its file name (associated data), so a sealed file renamed to another message's name does not open.
/// </summary>
public sealed class RecordingVault(PhiProtector protector)
{
    private const string Purpose = "recording";

    /// <summary>The path of the sealed copy of a recording.</summary>
    public static string SealedPath(string plainPath) => plainPath + ".enc";

    /// <summary>Encrypts the file and deletes the plain one; returns the sealed path, or null when there is no file.</summary>
    public async Task<string?> SealAsync(string plainPath, CancellationToken cancellationToken = default)
    {
        var sealedPath = SealedPath(plainPath);
        if (!File.Exists(plainPath))
        {
            return File.Exists(sealedPath) ? sealedPath : null;
        }

        var plain = await File.ReadAllBytesAsync(plainPath, cancellationToken);
        var temporary = sealedPath + ".tmp";
        await using (var stream = new FileStream(temporary, OwnerOnly.Options(FileMode.Create)))
        {
            await stream.WriteAsync(protector.ProtectBytes(plain, Binding(plainPath)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, sealedPath, overwrite: true);
        File.Delete(plainPath);
        return sealedPath;
    }

    /// <summary>The plain audio of a sealed recording, in memory only.</summary>
    public async Task<MemoryStream> OpenAsync(string plainPath, CancellationToken cancellationToken = default)
    {
        var stored = await File.ReadAllBytesAsync(SealedPath(plainPath), cancellationToken);
        return new MemoryStream(protector.UnprotectBytes(stored, Binding(plainPath), Purpose), writable: false);
    }

    /// <summary>
    /// Writes the plain audio of a sealed recording to <paramref name="target"/>, for Asterisk to play: readable
    /// by its owner and its group only (0640). Asterisk runs as its own user; the playback folder's group is
    /// Asterisk's (scripts/asterisk makes it 2770, so files in it take that group).
    /// </summary>
    public async Task WritePlainCopyAsync(string plainPath, string target, CancellationToken cancellationToken = default)
    {
        await using var audio = await OpenAsync(plainPath, cancellationToken);
        var options = OwnerOnly.Options(FileMode.CreateNew);
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }

        await using var file = new FileStream(target, options);
        await audio.CopyToAsync(file, cancellationToken);
    }

    /// <summary>The id of the key a sealed file (<c>*.enc</c>) was made with.</summary>
    public static async Task<string> KeyIdAsync(string sealedPath, CancellationToken cancellationToken = default)
    {
        var header = new byte[16];
        await using var stream = File.OpenRead(sealedPath);
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        return PhiProtector.KeyIdOf(header.AsSpan(0, read));
    }

    /// <summary>
    /// Encrypts a sealed file (<c>*.enc</c>) again under the current key, replacing it atomically; true when it
    /// was under another key.
    /// </summary>
    public async Task<bool> ResealAsync(string sealedPath, CancellationToken cancellationToken = default)
    {
        if (await KeyIdAsync(sealedPath, cancellationToken) == protector.CurrentKeyId)
        {
            return false;
        }

        var plainPath = sealedPath[..^".enc".Length];
        var plain = protector.UnprotectBytes(await File.ReadAllBytesAsync(sealedPath, cancellationToken), Binding(plainPath), Purpose);
        var temporary = sealedPath + ".tmp";
        await using (var stream = new FileStream(temporary, OwnerOnly.Options(FileMode.Create)))
        {
            await stream.WriteAsync(protector.ProtectBytes(plain, Binding(plainPath)), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, sealedPath, overwrite: true);
        return true;
    }

    private static string Binding(string plainPath) => Purpose + "/" + Path.GetFileName(plainPath);
}
