namespace Ivr.Data;

/// <summary>Files that hold keys or patient audio are readable by their owner only (mode 0600).</summary>
internal static class OwnerOnly
{
    public static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
