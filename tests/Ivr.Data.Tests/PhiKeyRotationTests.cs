using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ivr.Domain.Calls;
using Ivr.Domain.Messages;

namespace Ivr.Data.Tests;

/// <summary>Needs a temporary SQLite file and folder: values bound to their rows, key ids, and rotation while the service runs.</summary>
public sealed class PhiKeyRotationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 7, 10, 0, TimeSpan.Zero);

    [Fact]
    public void AValueCopiedToAnotherRowOrColumnDoesNotDecrypt()
    {
        var protector = new PhiProtector(RandomNumberGenerator.GetBytes(32));
        var stored = protector.Protect("5551234567", "messages", "callback_number", "1");

        Assert.StartsWith(protector.CurrentKeyId + ":", stored, StringComparison.Ordinal);
        Assert.Equal("5551234567", protector.Unprotect(stored, "messages", "callback_number", "1"));
        Assert.Throws<DataException>(() => protector.Unprotect(stored, "messages", "callback_number", "2"));
        Assert.Throws<DataException>(() => protector.Unprotect(stored, "messages", "caller_id", "1"));
        Assert.Throws<DataException>(() => protector.Unprotect(stored, "calls", "callback_number", "1"));
    }

    [Theory]
    [BothDatabases]
    public async Task ACallbackNumberCopiedIntoAnotherMessagesRowDoesNotRead(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var messages = new SqliteMessageStore(temp.Database, temp.Protector);
        var callId = await new SqliteCallRecordStore(temp.Database, temp.Protector).StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        var first = await messages.SaveAsync(Message(callId, "5559870001"));
        var second = await messages.SaveAsync(Message(callId, "5559870002"));
        await using (var connection = await temp.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE messages SET callback_number_enc = (SELECT callback_number_enc FROM messages WHERE id = @first) WHERE id = @second", new { first, second });
        }

        Assert.Equal("5559870001", (await messages.GetAsync(first))!.CallbackNumber);
        await Assert.ThrowsAsync<DataException>(() => messages.GetAsync(second));
    }

    [Fact]
    public void AValueOfTheFirstFormatStillReads()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var legacy = LegacyValue(key, "5551234567", "messages.callback_number");

        Assert.Equal("legacy", PhiProtector.KeyIdOf(legacy));
        Assert.Equal("5551234567", new PhiProtector(key).Unprotect(legacy, "messages", "callback_number", "7"));
    }

    [Theory]
    [BothDatabases]
    public async Task ARecordingRenamedToAnotherMessagesNameDoesNotOpen(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        var vault = new RecordingVault(temp.Protector);
        var plain = Path.Combine(temp.Directory, "a.wav");
        await File.WriteAllBytesAsync(plain, RandomNumberGenerator.GetBytes(1000));
        await vault.SealAsync(plain);
        File.Move(plain + ".enc", Path.Combine(temp.Directory, "b.wav.enc"));

        await Assert.ThrowsAsync<DataException>(() => vault.OpenAsync(Path.Combine(temp.Directory, "b.wav")));
    }

    [Theory]
    [BothDatabases]
    public async Task RotationLeavesEveryValueAndRecordingReadableAndTheOldKeyUnused(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (calls, messages, secrets, vault) = Stores(temp, temp.Protector);
        var recordings = Directory.CreateDirectory(Path.Combine(temp.Directory, "recordings")).FullName;
        var audio = RandomNumberGenerator.GetBytes(4000);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Start });
        var messageId = await messages.SaveAsync(Message(callId, "5559876543"));
        var secret = await secrets.RotateAsync("p", Start, TimeSpan.FromHours(1));
        await File.WriteAllBytesAsync(Path.Combine(recordings, "m1.wav"), audio);
        await vault.SealAsync(Path.Combine(recordings, "m1.wav"));
        await InsertLegacyCallerIdAsync(temp, "1700000000.9", "5550000009");
        // The running service's own protector, loaded before the rotation from the same key file.
        var service = PhiProtector.FromOptions(temp.Options);
        var oldKey = temp.Protector.CurrentKeyId;
        var rotation = new PhiKeyRotation(temp.Database, temp.Protector, vault);

        var result = await rotation.RotateAsync(recordings);
        var status = await rotation.StatusAsync(recordings);

        Assert.NotEqual(oldKey, result.CurrentKeyId);
        Assert.Equal(6, result.Values);
        Assert.Equal(1, result.Recordings);
        Assert.Equal([oldKey], result.Retired);
        Assert.Equal([result.CurrentKeyId], temp.Protector.KeyIds);
        Assert.Single(await File.ReadAllLinesAsync(temp.Options.KeyFile), l => l.Length > 0);
        Assert.Equal((6, 1), status[result.CurrentKeyId]);
        Assert.DoesNotContain(status, s => s.Key != result.CurrentKeyId && s.Value != (0, 0));
        var (serviceCalls, serviceMessages, serviceSecrets, serviceVault) = Stores(temp, service);
        Assert.Equal(result.CurrentKeyId, service.CurrentKeyId);
        Assert.Equal("5551234567", (await serviceCalls.GetAsync(callId))!.CallerId);
        Assert.Equal("5550000009", (await serviceCalls.ListAsync(10)).Single(c => c.UniqueId == "1700000000.9").CallerId);
        Assert.Equal("5559876543", (await serviceMessages.GetAsync(messageId))!.CallbackNumber);
        Assert.Equal([secret], await serviceSecrets.SigningSecretsAsync("p", Start));
        await using var opened = await serviceVault.OpenAsync(Path.Combine(recordings, "m1.wav"));
        Assert.Equal(audio, opened.ToArray());
    }

    [Theory]
    [BothDatabases]
    public async Task RotationReEncryptsWhatAnOperatorTypedAndItStillReads(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (calls, messages, _, vault) = Stores(temp, temp.Protector);
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", StartedAt = Start });
        var typed = new Ivr.Domain.Desk.DeskMessageForm("Maria Gomez", "Ava Gomez", "2021-03-04", "555 987 6543", true, "fever", Urgency.Urgent, "gave Tylenol");
        var message = Ivr.Domain.Desk.DeskMessage.Of(typed, callId, "p", null, "sam", Start);
        var (messageId, _) = await messages.SaveOnceAsync(ReceivedMessage.Of(message));
        var oldKey = temp.Protector.CurrentKeyId;
        var rotation = new PhiKeyRotation(temp.Database, temp.Protector, vault);

        var result = await rotation.RotateAsync(null);

        // The callback number and the five typed fields.
        Assert.Equal(6, result.Values);
        Assert.Equal([oldKey], result.Retired);
        Assert.Equal(message with { Id = messageId }, await messages.GetAsync(messageId));
    }

    [Theory]
    [BothDatabases]
    public async Task ARotationThatFailsMidwayKeepsEverythingReadableAndResumesUnderTheSameKey(DataProvider provider)
    {
        using var temp = new TempDatabase(provider);
        await temp.Database.MigrateAsync();
        var (calls, messages, _, vault) = Stores(temp, temp.Protector);
        var recordings = Directory.CreateDirectory(Path.Combine(temp.Directory, "recordings")).FullName;
        var callId = await calls.StartAsync(new CallRecord { UniqueId = "1700000000.1", PracticeId = "p", DialedNumber = "15550100", CallerId = "5551234567", StartedAt = Start });
        var messageId = await messages.SaveAsync(Message(callId, "5559876543"));
        await File.WriteAllBytesAsync(Path.Combine(recordings, "good.wav"), RandomNumberGenerator.GetBytes(100));
        await vault.SealAsync(Path.Combine(recordings, "good.wav"));
        var broken = Path.Combine(recordings, "broken.wav.enc");
        await File.WriteAllBytesAsync(broken, [2, .. Encoding.ASCII.GetBytes(temp.Protector.CurrentKeyId), .. RandomNumberGenerator.GetBytes(64)]);
        var oldKey = temp.Protector.CurrentKeyId;
        var rotation = new PhiKeyRotation(temp.Database, temp.Protector, vault);

        await Assert.ThrowsAsync<DataException>(() => rotation.RotateAsync(recordings));
        var newKey = temp.Protector.CurrentKeyId;
        var midway = temp.Protector.KeyIds;
        var readable = (await messages.GetAsync(messageId))!.CallbackNumber;
        File.Delete(broken);
        var resumed = await rotation.RotateAsync(recordings);

        Assert.Equal([newKey, oldKey], midway);
        Assert.Equal("5559876543", readable);
        Assert.Equal(newKey, resumed.CurrentKeyId);
        Assert.Equal([oldKey], resumed.Retired);
        Assert.Equal("5559876543", (await messages.GetAsync(messageId))!.CallbackNumber);
        Assert.Equal(newKey, await RecordingVault.KeyIdAsync(Path.Combine(recordings, "good.wav.enc")));
    }

    private static (SqliteCallRecordStore, SqliteMessageStore, SqliteWebhookSecretStore, RecordingVault) Stores(TempDatabase temp, PhiProtector protector) =>
        (new SqliteCallRecordStore(temp.Database, protector), new SqliteMessageStore(temp.Database, protector), new SqliteWebhookSecretStore(temp.Database, protector), new RecordingVault(protector));

    private static PatientMessage Message(long callId, string callback) => new()
    {
        CallId = callId,
        PracticeId = "p",
        Urgency = Urgency.Urgent,
        CallbackNumber = callback,
        CallerId = "5551234567",
        MessageRecording = "/spool/x.wav",
        ReceivedAt = Start,
    };

    private static async Task InsertLegacyCallerIdAsync(TempDatabase temp, string uniqueId, string callerId)
    {
        var key = Convert.FromBase64String((await File.ReadAllTextAsync(temp.Options.KeyFile)).Trim());
        await using var connection = await temp.Database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO calls (unique_id, practice_id, dialed_number, caller_id_enc, started_at) VALUES (@uniqueId, 'p', '15550100', @value, @at)",
            new { uniqueId, value = LegacyValue(key, callerId, "calls.caller_id"), at = Start.ToString("O") });
    }

    /// <summary>A value as the service wrote it before key ids: version 1, nonce, ciphertext, tag, bound to the column only.</summary>
    private static string LegacyValue(byte[] key, string value, string column)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[1 + 12 + plain.Length + 16];
        output[0] = 1;
        RandomNumberGenerator.Fill(output.AsSpan(1, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(1, 12), plain, output.AsSpan(13, plain.Length), output.AsSpan(13 + plain.Length), Encoding.UTF8.GetBytes(column));
        return Convert.ToBase64String(output);
    }
}
