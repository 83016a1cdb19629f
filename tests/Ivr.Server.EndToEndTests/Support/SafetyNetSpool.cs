namespace Ivr.Server.EndToEndTests.Support;

/// <summary>The messages the dialplan's safety net records when the service is down or stops mid-call, in Asterisk's spool.</summary>
public static class SafetyNetSpool
{
    /// <summary>A test that leaves its message in the spool deletes it: later tests that import must not find it.</summary>
    public static void Delete(string uniqueId)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RealAsterisk.RecordingDirectory, "..", "fallback"), uniqueId + ".*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>The newest safety-net recording has audio and a note naming the call; returns its uniqueid.</summary>
    public static async Task<string> AssertMessageAsync()
    {
        var folder = Path.Combine(RealAsterisk.RecordingDirectory, "..", "fallback");
        var newest = await Eventually.ValueAsync(
            () => new DirectoryInfo(folder).GetFiles("*.wav").Where(f => f.LastWriteTimeUtc > DateTime.UtcNow.AddMinutes(-2)).MaxBy(f => f.LastWriteTimeUtc),
            TimeSpan.FromSeconds(20),
            "the safety net to record a message");

        Assert.True(newest.Length > 16000, $"the safety net's recording holds only {newest.Length} bytes");
        var uniqueId = Path.GetFileNameWithoutExtension(newest.Name);
        var note = await File.ReadAllTextAsync(Path.Combine(folder, uniqueId + ".txt"));
        Assert.Contains($"uniqueid={uniqueId}", note);
        Assert.Contains($"did={PatientCall.PracticeNumber}", note);
        return uniqueId;
    }
}
