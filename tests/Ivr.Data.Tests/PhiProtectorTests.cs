using System.Security.Cryptography;

namespace Ivr.Data.Tests;

/// <summary>Needs nothing but a temporary folder.</summary>
public sealed class PhiProtectorTests
{
    [Fact]
    public void ValueRoundTripsAndNullStaysNull()
    {
        var protector = new PhiProtector(RandomNumberGenerator.GetBytes(32));
        var stored = protector.Protect("5551234567", "messages.callback_number");
        Assert.DoesNotContain("5551234567", stored);
        Assert.Equal("5551234567", protector.Unprotect(stored, "messages.callback_number"));
        Assert.Null(protector.Protect(null, "c"));
        Assert.Null(protector.Unprotect(null, "c"));
    }

    [Fact]
    public void AnIndexIsTheSameForTheSameValueAndTellsNothingWithoutTheKey()
    {
        var protector = new PhiProtector(RandomNumberGenerator.GetBytes(32));

        var index = protector.Index("+13125550142", "phone");

        Assert.Equal(index, protector.Index("+13125550142", "phone"));
        Assert.StartsWith(protector.CurrentKeyId + ":", index, StringComparison.Ordinal);
        Assert.Equal(8 + 1 + 64, index.Length);
        Assert.DoesNotContain("5550142", index, StringComparison.Ordinal);
        Assert.NotEqual(index, protector.Index("+13125550143", "phone"));
        Assert.NotEqual(index, protector.Index("+13125550142", "email"));
        Assert.NotEqual(index[9..], new PhiProtector(RandomNumberGenerator.GetBytes(32)).Index("+13125550142", "phone")[9..]);
        Assert.Equal([index], protector.Indexes("+13125550142", "phone"));
    }

    [Fact]
    public void WrongKeyIsATypedErrorNotGarbage()
    {
        var stored = new PhiProtector(RandomNumberGenerator.GetBytes(32)).Protect("5551234567", "c");
        Assert.Throws<DataException>(() => new PhiProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(stored, "c"));
    }

    [Fact]
    public void ValueCopiedIntoAnotherColumnDoesNotDecrypt()
    {
        var protector = new PhiProtector(RandomNumberGenerator.GetBytes(32));
        var stored = protector.Protect("5551234567", "messages.callback_number");
        Assert.Throws<DataException>(() => protector.Unprotect(stored, "calls.caller_id"));
    }

    [Theory]
    [BothDatabases]
    public void KeyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        Assert.False(OperatingSystem.IsWindows(), "The service runs on Linux, beside Asterisk.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Options.KeyFile));
        }

        var stored = temp.Protector.Protect("x", "c");
        Assert.Equal("x", PhiProtector.FromOptions(temp.Options).Unprotect(stored, "c"));
    }

    [Theory]
    [BothDatabases]
    public void BrokenKeyFileIsAClearError(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        File.WriteAllText(temp.Options.KeyFile, "not base64 !!");
        var error = Assert.Throws<DataException>(() => PhiProtector.FromOptions(temp.Options));
        Assert.Contains(temp.Options.KeyFile, error.Message);
    }

    [Theory]
    [BothDatabases]
    public async Task VaultSealsARecordingRemovesThePlainFileAndOpensItAgainInMemory(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var vault = new RecordingVault(temp.Protector);
        var plain = Path.Combine(temp.Directory, "call-message-1.wav");
        var audio = RandomNumberGenerator.GetBytes(48_000);
        await File.WriteAllBytesAsync(plain, audio);

        var sealedPath = await vault.SealAsync(plain);
        Assert.Equal(plain + ".enc", sealedPath);
        Assert.False(File.Exists(plain));
        Assert.NotEqual(audio, (await File.ReadAllBytesAsync(sealedPath!)).Skip(13).Take(audio.Length).ToArray());
        await using var opened = await vault.OpenAsync(plain);
        Assert.Equal(audio, opened.ToArray());
        Assert.Equal(sealedPath, await vault.SealAsync(plain));
    }
}
