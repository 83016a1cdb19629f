using Ivr.Data;
using Ivr.Domain.Calls;
using Ivr.Domain.Flow;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;
using Ivr.Telephony.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ivr.Telephony.Dispatch;

/// <summary>
/// Brings the messages Asterisk's safety net took (while the service was down or after it died
/// mid-call) into the database as urgent messages, so they are sealed and dispatched like any other.
/// The dialplan writes <c>UNIQUEID.txt</c> (<see cref="SafetyNetNote"/>: the caller's number sealed) and <c>UNIQUEID.wav</c> in
/// the fallback folder. Importing is idempotent: a crash at any point imports the message once.
/// </summary>
public sealed class SafetyNetImporter(
    ICallRecordStore calls,
    IMessageStore messages,
    IPracticeDirectory practices,
    RecordingVault vault,
    IOptions<RecordingOptions> recordings,
    TimeProvider time,
    ILogger<SafetyNetImporter> logger)
{
    /// <summary>A recording still growing is not finished; Asterisk writes audio continuously while it records.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(10);

    /// <summary>Longer than the safety net's longest recording (180 s) plus its prompts: a note without audio by then never gets any.</summary>
    private static readonly TimeSpan NoAudioAfter = TimeSpan.FromMinutes(4);

    /// <summary>How often a note may fail for reasons other than its text before it is set aside.</summary>
    private const int MaxFailures = 5;

    /// <summary>The safety net's notes are one short line; anything much larger is not one.</summary>
    private const int MaxNoteBytes = 1024;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public string Folder => Path.GetFullPath(Path.Combine(recordings.Value.HostDirectory, "..", "fallback"));

    /// <summary>Imports every finished safety-net message; returns how many were imported.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var imported = 0;
        foreach (var note in Directory.EnumerateFiles(Folder, "*.txt").ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Several service processes may share one spool (docs/deployment.md): the one holding the note's claim
            // imports it, the others pass it by, so a message is never imported, and paged, twice.
            using var claim = Claim(note);
            if (claim is null)
            {
                continue;
            }

            try
            {
                if (!File.Exists(note))
                {
                    // Imported (or set aside) by another process between the listing and the claim.
                    continue;
                }

                if (await ImportOneAsync(note, cancellationToken))
                {
                    imported++;
                }

                _failures.TryRemove(note, out _);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (FormatException exception)
            {
                SetAside(note, exception.Message);
            }
            catch (Exception exception) when (DatabaseOutage.IsOutage(exception))
            {
                // The database is down or busy, not the note wrong: it waits, however long the outage, and counts no failure.
                logger.LogWarning("Could not import safety-net note {File}: the database is unavailable ({Error}); it waits in the spool and is tried again", Shown(note), exception.GetType().Name);
                break;
            }
            catch (Exception exception)
            {
                // A note that fails every time for a reason of its own is set aside so it is not retried for ever.
                var failures = _failures.AddOrUpdate(note, 1, (_, n) => n + 1);
                logger.LogError(exception, "Could not import safety-net note {File} (failure {Failures} of {MaxFailures})", Shown(note), failures, MaxFailures);
                if (failures >= MaxFailures)
                {
                    _failures.TryRemove(note, out _);
                    SetAside(note, $"import failed {MaxFailures} times ({exception.GetType().Name})");
                }
            }
            finally
            {
                if (!File.Exists(note))
                {
                    File.Delete(claim.Name);
                }
            }
        }

        return imported;
    }

    /// <summary>
    /// The note's claim: <c>UNIQUEID.claim</c> beside it, open with no sharing (an exclusive lock between processes,
    /// released by the system when its holder dies, so a killed importer never strands a note); null while another
    /// process holds it.
    /// </summary>
    private static FileStream? Claim(string note)
    {
        try
        {
            return new FileStream(Path.ChangeExtension(note, ".claim"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves a note that cannot be imported, and its audio sealed, to <c>rejected/</c> (owner-only), where
    /// an operator finds it; the log names the rule it broke, never its text.
    /// </summary>
    private void SetAside(string note, string reason)
    {
        try
        {
            var rejected = Path.Combine(Folder, "rejected");
            PrivateFolder.Create(rejected);
            var audio = Path.ChangeExtension(note, ".wav");
            if (File.Exists(audio))
            {
                // The audio is the patient's voice: it leaves the plain folder sealed.
                vault.SealAsync(audio, CancellationToken.None).GetAwaiter().GetResult();
            }

            var sealedAudio = RecordingVault.SealedPath(audio);
            if (File.Exists(sealedAudio))
            {
                File.Move(sealedAudio, Path.Combine(rejected, Path.GetFileName(sealedAudio)), overwrite: true);
            }

            File.Move(note, Path.Combine(rejected, Path.GetFileName(note)), overwrite: true);
            logger.LogError("Set a safety-net note aside in rejected/ for an operator: {File}: {Reason}", Shown(note), reason);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogError(exception, "Could not set safety-net note {File} aside ({Reason})", Shown(note), reason);
        }
    }

    /// <summary>The note's name for a log: Asterisk's uniqueid, or a placeholder when the name is someone else's text.</summary>
    private static string Shown(string note)
    {
        var name = Path.GetFileNameWithoutExtension(note);
        return OriginatedChannels.IsWellFormed(name) ? name + ".txt" : "(a file not named by Asterisk)";
    }

    private async Task<bool> ImportOneAsync(string note, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var audio = Path.ChangeExtension(note, ".wav");
        var hasAudio = File.Exists(audio) || File.Exists(RecordingVault.SealedPath(audio));
        if (File.Exists(audio) ? now - File.GetLastWriteTimeUtc(audio) < Settled : now - File.GetLastWriteTimeUtc(note) < NoAudioAfter && !hasAudio)
        {
            return false;
        }

        if (new FileInfo(note).Length > MaxNoteBytes)
        {
            throw new FormatException("the note is larger than the safety net writes");
        }

        var parsed = SafetyNetNote.Parse(await File.ReadAllTextAsync(note, cancellationToken), Path.GetFileNameWithoutExtension(note), recordings.Value.SafetyNetKey);
        var uniqueId = parsed.UniqueId;
        var did = parsed.DialedNumber;
        var callerId = parsed.CallerId;
        var at = parsed.At ?? File.GetLastWriteTimeUtc(note);

        var call = await calls.FindByUniqueIdAsync(uniqueId, cancellationToken);
        var callId = call?.Id ?? await StartCallAsync(
            new CallRecord
            {
                UniqueId = uniqueId,
                PracticeId = (await practices.RouteAsync(did, at, cancellationToken)).Practice.Id,
                DialedNumber = did,
                CallerId = callerId,
                StartedAt = at,
                RouteReason = parsed.Overload
                    ? "every line was full: Asterisk's safety net answered instead of a busy signal"
                    : "the service was unreachable: Asterisk's safety net answered",
            },
            cancellationToken);
        // A call handed to another process's desk was closed as handed over; the net taking it means the hand-off never arrived.
        var handedOver = call?.Outcome == CallOutcomes.Word(CallOutcome.HandedOver);
        if (call?.EndedAt is null || handedOver)
        {
            var detail = parsed.Overload ? "every line was full; Asterisk's safety net took the message"
                : call is null ? "the service was unreachable; Asterisk's safety net took the message"
                : handedOver ? "the hand-off to another process's desk failed; Asterisk's safety net took the message"
                : "the service stopped mid-call; Asterisk's safety net took the message";
            await calls.CompleteAsync(callId, hasAudio ? File.GetLastWriteTimeUtc(File.Exists(audio) ? audio : RecordingVault.SealedPath(audio)) : at, CallOutcomes.Word(CallOutcome.SafetyNet), detail, cancellationToken);
        }

        var existing = await messages.ForCallAsync(callId, cancellationToken);
        if (!existing.Any(m => m.MessageRecording == audio || (!hasAudio && m.UrgencyReason == NoAudioReason)))
        {
            var practiceId = call?.PracticeId ?? (await calls.GetAsync(callId, cancellationToken))!.PracticeId;
            await messages.SaveAsync(
                new PatientMessage
                {
                    CallId = callId,
                    PracticeId = practiceId,
                    Urgency = Urgency.Urgent,
                    UrgencyReason = !hasAudio ? NoAudioReason
                        : parsed.Overload ? "taken by Asterisk's safety net while every line was full"
                        : "taken by Asterisk's safety net while the service was unavailable",
                    CallbackNumber = callerId is not null && callerId.All(char.IsAsciiDigit) ? callerId : null,
                    CallerId = callerId,
                    MessageRecording = hasAudio ? audio : null,
                    MessageSeconds = File.Exists(audio) ? Math.Max(0, new FileInfo(audio).Length - 44) / 16000.0 : 0,
                    Partial = !hasAudio,
                    ReceivedAt = at,
                },
                CancellationToken.None);
        }

        await vault.SealAsync(audio, CancellationToken.None);
        File.Delete(note);
        logger.LogWarning("Imported a safety-net message for call {CallId} ({UniqueId})", callId, uniqueId);
        return true;
    }

    private async Task<long> StartCallAsync(CallRecord record, CancellationToken cancellationToken)
    {
        var id = await calls.StartAsync(record, cancellationToken);
        await calls.MarkAnsweredAsync(id, record.StartedAt, cancellationToken);
        return id;
    }

    private const string NoAudioReason = "the caller reached Asterisk's safety net and hung up before recording: call back";
}
