using System.Globalization;
using Dapper;
using Ivr.Domain.Outbound;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>Patients, their leases and their calls.</summary>
public sealed partial class SqliteCampaignStore
{
    /// <summary>What an attempt left open by a process that died is closed with.</summary>
    public const string Interrupted = "interrupted: the service stopped during the call";

    private const string PatientsTable = "campaign_patients";

    /// <summary>The purpose of the phone's keyed hash, the same in every table, so one number has one hash.</summary>
    private const string PhoneIndex = "phone";

    private const string PatientColumns =
        """
        p.id, p.campaign_id, p.line, p.name_enc, p.phone_enc, p.email_enc, p.appointment_enc, p.clinician_enc, p.progress,
        (SELECT COUNT(*) FROM campaign_attempts a WHERE a.patient_id = p.id) AS attempts,
        p.next_at, p.held_by, p.held_why, p.slot_id, p.confirmed_how, p.confirmed_at
        """;

    private const string AttemptColumns = "id, campaign_id, patient_id, started_at, ended_at, result, amd_status, amd_cause, rule, why, detail, amd_label";

    public Task<IReadOnlyList<CampaignPatientRecord>> PatientsAsync(long campaignId, CancellationToken cancellationToken = default) =>
        PatientsWhereAsync("p.campaign_id = @campaignId ORDER BY p.id", new { campaignId }, cancellationToken);

    public async Task<CampaignPatientRecord?> PatientAsync(long patientId, CancellationToken cancellationToken = default) =>
        (await PatientsWhereAsync("p.id = @patientId", new { patientId }, cancellationToken)).SingleOrDefault();

    public async Task<CampaignCounts> CountsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Progress, long Count)>(new CommandDefinition(
            "SELECT progress, COUNT(*) FROM campaign_patients WHERE campaign_id = @campaignId GROUP BY progress",
            new { campaignId },
            cancellationToken: cancellationToken));
        var attempts = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM campaign_attempts WHERE campaign_id = @campaignId",
            new { campaignId },
            cancellationToken: cancellationToken));

        // Every progress is named, with its zero, so a page lists them all.
        var byProgress = Enum.GetValues<PatientProgress>().ToDictionary(p => p, _ => 0);
        foreach (var (progress, count) in rows)
        {
            byProgress[Enum.Parse<PatientProgress>(progress)] = (int)count;
        }

        return new CampaignCounts(byProgress, (int)attempts);
    }

    public Task<IReadOnlyList<CampaignAttempt>> AttemptsAsync(long campaignId, CancellationToken cancellationToken = default) =>
        AttemptsWhereAsync("campaign_id = @campaignId ORDER BY id", new { campaignId }, cancellationToken);

    public async Task<CampaignAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default) =>
        (await AttemptsWhereAsync("id = @attemptId", new { attemptId }, cancellationToken)).SingleOrDefault();

    public async Task<bool> LabelAmdAsync(long attemptId, string label, CancellationToken cancellationToken = default)
    {
        if (label is not (AmdLabels.Right or AmdLabels.Wrong))
        {
            throw new ArgumentException($"An AMD label is '{AmdLabels.Right}' or '{AmdLabels.Wrong}', not '{label}'.", nameof(label));
        }

        return await ExecuteAsync(
            "UPDATE campaign_attempts SET amd_label = @label WHERE id = @attemptId AND amd_status IS NOT NULL",
            new { attemptId, label },
            cancellationToken) == 1;
    }

    /// <summary>The lease stays: a call in progress ends normally, and its outcome leaves the patient confirmed.</summary>
    public async Task<bool> MarkConfirmedAsync(long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            $"UPDATE campaign_patients SET progress = 'Confirmed', next_at = NULL, confirmed_how = @how, confirmed_at = @at WHERE id = @patientId AND progress IN {ToCall}",
            new { patientId, how, at = Time.Write(at) },
            cancellationToken) == 1;

    public Task<IReadOnlyList<CampaignPatientRecord>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        PatientsWhereAsync(
            $"""
            p.next_at <= @now AND p.progress IN {ToCall} AND (p.lease_until IS NULL OR p.lease_until <= @now)
                AND p.campaign_id IN (SELECT id FROM campaigns WHERE state = '{Running}')
            ORDER BY p.next_at, p.id LIMIT @limit
            """,
            new { now = Time.Write(now), limit },
            cancellationToken);

    public async Task<int> InProgressAsync(long campaignId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM campaign_patients WHERE campaign_id = @campaignId AND lease_until > @now",
            new { campaignId, now = Time.Write(now) },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// When closing a dead owner's attempt spends the patient's last one, they are exhausted instead (false): the
    /// interrupted call counts as a call, and nobody is called more often than the campaign allows.
    /// </summary>
    public async Task<bool> ClaimAsync(long patientId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE campaign_patients SET lease_owner = @owner, lease_until = @leaseUntil
            WHERE id = @patientId AND progress IN {ToCall} AND next_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                AND campaign_id IN (SELECT id FROM campaigns WHERE state = '{Running}')
            """,
            new { patientId, owner, now = Time.Write(now), leaseUntil = Time.Write(leaseUntil) },
            transaction,
            cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            // Whoever held the lease before is gone (or past its lease): its open attempt ended with it, and counts.
            var closed = await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE campaign_attempts SET ended_at = @now, result = '{nameof(AttemptResult.Failed)}', detail = @detail WHERE patient_id = @patientId AND ended_at IS NULL",
                new { patientId, now = Time.Write(now), detail = Interrupted },
                transaction,
                cancellationToken: cancellationToken));
            if (closed > 0)
            {
                claimed = await AfterInterruptedAsync(connection, transaction, patientId, now, cancellationToken) ? 1 : 0;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed == 1;
    }

    public async Task HoldAsync(long patientId, string owner, DateTimeOffset? notBefore, string rule, string why, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);

        // A patient confirmed meanwhile (by the link, by staff) keeps their progress; the lease is given back either way.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE campaign_patients SET next_at = @notBefore, progress = {(notBefore is null ? $"'{nameof(PatientProgress.OptedOut)}'" : "progress")}, held_by = @rule, held_why = @why
            WHERE id = @patientId AND lease_owner = @owner AND progress IN {ToCall}
            """,
            new { patientId, owner, notBefore = Time.Write(notBefore), rule, why },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaign_patients SET lease_owner = NULL, lease_until = NULL WHERE id = @patientId AND lease_owner = @owner",
            new { patientId, owner },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DateTimeOffset>> CallTimesAsync(long campaignId, string phone, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var times = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT a.started_at FROM campaign_attempts a JOIN campaign_patients p ON p.id = a.patient_id
            WHERE a.campaign_id = @campaignId AND {database.AnyOf("p.phone_hash", "@hashes")}
            ORDER BY a.started_at
            """,
            new { campaignId, hashes = protector.Indexes(phone, PhoneIndex) },
            cancellationToken: cancellationToken));
        return times.Select(Time.Read).ToList();
    }

    public async Task<long> StartAttemptAsync(long patientId, DateTimeOffset at, CallingDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO campaign_attempts (campaign_id, patient_id, started_at, rule, why)
            SELECT campaign_id, id, @at, @Rule, @Why FROM campaign_patients WHERE id = @patientId
            RETURNING id
            """,
            new { patientId, at = Time.Write(at), decision.Rule, decision.Why },
            cancellationToken: cancellationToken));
        return id ?? throw new DataException($"There is no campaign patient {patientId} to call.");
    }

    public Task SetAmdAsync(long attemptId, string status, string cause, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE campaign_attempts SET amd_status = @status, amd_cause = @cause WHERE id = @attemptId", new { attemptId, status, cause }, cancellationToken);

    /// <summary>A patient who confirmed on the call keeps <see cref="ConfirmedOnCall"/> as how.</summary>
    public async Task<bool> FinishAttemptAsync(long attemptId, AttemptResult result, string detail, DateTimeOffset at, PatientNext next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var patientId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE campaign_attempts SET ended_at = @at, result = @result, detail = @detail WHERE id = @attemptId AND ended_at IS NULL RETURNING patient_id",
            new { attemptId, at = Time.Write(at), result = result.ToString(), detail },
            transaction,
            cancellationToken: cancellationToken));
        if (patientId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var confirms = next.Progress is PatientProgress.Confirmed or PatientProgress.Rescheduled;

        // SET reads the row as it was, so each CASE sees the progress before this update.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE campaign_patients SET
                progress = CASE WHEN progress IN {ToCall} THEN @progress ELSE progress END,
                next_at = CASE WHEN progress IN {ToCall} THEN @nextAt ELSE next_at END,
                confirmed_how = CASE WHEN progress IN {ToCall} AND @confirms THEN @how ELSE confirmed_how END,
                confirmed_at = CASE WHEN progress IN {ToCall} AND @confirms THEN @at ELSE confirmed_at END,
                lease_owner = NULL, lease_until = NULL
            WHERE id = @patientId
            """,
            new { patientId, progress = next.Progress.ToString(), nextAt = Time.Write(next.RetryAfter), confirms, how = ConfirmedOnCall, at = Time.Write(at) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// After a dead owner's attempt was closed: the patient is called again now by the claimer (the policy holds the
    /// call when the caps say so) unless that was their last attempt, when they are exhausted and the lease given back.
    /// </summary>
    private static async Task<bool> AfterInterruptedAsync(DbConnection connection, DbTransaction transaction, long patientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (attempts, maxAttempts, waits) = await connection.QuerySingleAsync<(long, long, string)>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM campaign_attempts a WHERE a.patient_id = p.id), c.max_attempts, c.retry_waits
            FROM campaign_patients p JOIN campaigns c ON c.id = p.campaign_id WHERE p.id = @patientId
            """,
            new { patientId },
            transaction,
            cancellationToken: cancellationToken));
        var next = CampaignProgress.After(AttemptResult.Failed, (int)attempts, ReadRetry((int)maxAttempts, waits), now);
        var exhausted = next.Progress == PatientProgress.Exhausted;
        await connection.ExecuteAsync(new CommandDefinition(
            exhausted
                ? "UPDATE campaign_patients SET progress = 'Exhausted', next_at = NULL, lease_owner = NULL, lease_until = NULL WHERE id = @patientId"
                : "UPDATE campaign_patients SET progress = 'Trying' WHERE id = @patientId AND progress = 'Waiting'",
            new { patientId },
            transaction,
            cancellationToken: cancellationToken));
        return !exhausted;
    }

    private async Task<IReadOnlyList<CampaignPatientRecord>> PatientsWhereAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PatientRow>(new CommandDefinition(
            $"SELECT {PatientColumns} FROM campaign_patients p WHERE {where}",
            parameters,
            cancellationToken: cancellationToken));
        return rows.Select(ToRecord).ToList();
    }

    private CampaignPatientRecord ToRecord(PatientRow r)
    {
        var row = r.id.ToString(CultureInfo.InvariantCulture);
        var appointment = protector.Unprotect(r.appointment_enc, PatientsTable, "appointment", row);
        var patient = new CampaignPatient(
            (int)r.line,
            protector.Unprotect(r.name_enc, PatientsTable, "name", row) ?? string.Empty,
            protector.Unprotect(r.phone_enc, PatientsTable, "phone", row) ?? string.Empty,
            protector.Unprotect(r.email_enc, PatientsTable, "email", row),
            appointment is null ? null : ReadLocal(appointment),
            protector.Unprotect(r.clinician_enc, PatientsTable, "clinician", row));
        return new CampaignPatientRecord(
            r.id,
            r.campaign_id,
            patient,
            Enum.Parse<PatientProgress>(r.progress),
            (int)r.attempts,
            Time.ReadNullable(r.next_at),
            r.held_by,
            r.held_why,
            r.slot_id,
            r.confirmed_how,
            Time.ReadNullable(r.confirmed_at));
    }

    private async Task<IReadOnlyList<CampaignAttempt>> AttemptsWhereAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"SELECT {AttemptColumns} FROM campaign_attempts WHERE {where}",
            parameters,
            cancellationToken: cancellationToken));
        return rows.Select(r => new CampaignAttempt(
            r.id,
            r.campaign_id,
            r.patient_id,
            Time.Read(r.started_at),
            Time.ReadNullable(r.ended_at),
            r.result is null ? null : Enum.Parse<AttemptResult>(r.result),
            r.amd_status,
            r.amd_cause,
            r.rule,
            r.why,
            r.detail,
            r.amd_label)).ToList();
    }

    /// <summary>Settable, not positional: the attempts column is an expression SQLite gives no declared type, which Dapper converts only into a property.</summary>
    private sealed class PatientRow
    {
        public long id { get; init; }
        public long campaign_id { get; init; }
        public long line { get; init; }
        public string? name_enc { get; init; }
        public string? phone_enc { get; init; }
        public string? email_enc { get; init; }
        public string? appointment_enc { get; init; }
        public string? clinician_enc { get; init; }
        public string progress { get; init; } = string.Empty;
        public long attempts { get; init; }
        public string? next_at { get; init; }
        public string? held_by { get; init; }
        public string? held_why { get; init; }
        public long? slot_id { get; init; }
        public string? confirmed_how { get; init; }
        public string? confirmed_at { get; init; }
    }

    private sealed record AttemptRow(
        long id, long campaign_id, long patient_id, string started_at, string? ended_at, string? result, string? amd_status, string? amd_cause,
        string rule, string why, string? detail, string? amd_label);
}
