namespace Ivr.Testing.Trunk;

/// <summary>A certificate authority made for one test, and certificates it signs for 127.0.0.1 (openssl).</summary>
public static class TestCertificates
{
    /// <summary>Makes <c>ca.crt</c> and <c>ca.key</c> in <paramref name="folder"/>.</summary>
    public static async Task MakeAuthorityAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        await OpenSslAsync(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Test CA");
    }

    /// <summary>Makes <c>NAME.crt</c> and <c>NAME.key</c> in <paramref name="folder"/> for 127.0.0.1 and localhost, signed by its CA.</summary>
    public static async Task IssueAsync(string folder, string name)
    {
        await OpenSslAsync(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=127.0.0.1");
        File.WriteAllText(Path.Combine(folder, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        await OpenSslAsync(folder, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", "san.ext");
    }

    private static async Task OpenSslAsync(string folder, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed: {await output}{await error}");
        }
    }
}
