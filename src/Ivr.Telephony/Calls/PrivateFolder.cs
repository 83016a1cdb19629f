namespace Ivr.Telephony.Calls;

/// <summary>Folders that hold patient audio or notes: owner-only (mode 0700), also when they already existed.</summary>
public static class PrivateFolder
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) and makes it owner-only.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Mode);
        File.SetUnixFileMode(path, Mode);
    }

    /// <summary>
    /// A folder Asterisk reads from as another user (the voice page's playback copies): created owner-only
    /// when missing; when it exists (scripts/asterisk makes it 2770 with Asterisk's group) only the access of
    /// others is taken away, so Asterisk's group keeps reading what the service writes there.
    /// </summary>
    public static void CreateShared(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            Create(path);
            return;
        }

        File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~(UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
    }
}
