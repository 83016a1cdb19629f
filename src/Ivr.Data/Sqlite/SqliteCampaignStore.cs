using System.Globalization;
using Dapper;
using Ivr.Domain.Outbound;
using System.Data.Common;

namespace Ivr.Data;

/// <summary>
/// Outbound campaigns in SQLite (migration 0118). Patients are leased as dispatch leases its steps: a claim is one
/// conditional UPDATE inside an immediate transaction, so two processes sharing the file never call one patient at
/// once, and a lease is a time in the row that runs out on its own. Every patient field is encrypted bound to its row;
/// the phone is also kept as a keyed hash (<see cref="PhiProtector.Index"/>) so a number is found without decrypting
/// every row. Email links are kept only as the SHA-256 of their token. Split by concern: campaigns here, patients and
/// their calls in <c>.Patients</c>, slots, opt-outs and links in <c>.Links</c>.
/// </summary>
public sealed partial class SqliteCampaignStore(Database database, PhiProtector protector) : ICampaignStore
{
    /// <summary>What <see cref="FinishAttemptAsync"/> keeps as the way a patient confirmed on a call.</summary>
    public const string ConfirmedOnCall = "phone: confirmed on the campaign call";

    private const string CampaignColumns =
        "id, practice_id, title, kind, words, callback_number, state, window_start, window_end, max_per_day, max_per_week, max_attempts, retry_waits, max_channels, time_zone, ends_by, created_by, created_at, started_at, ended_at";

    private const string Running = nameof(CampaignState.Running);
    private const string Paused = nameof(CampaignState.Paused);

    /// <summary>Progress values of patients still to be called (SQL list).</summary>
    private const string ToCall = "('Waiting', 'Trying', 'VoicemailLeft')";

    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";
    private const string ClockFormat = "HH:mm:ss";

    public async Task<long> CreateAsync(Campaign campaign, IReadOnlyList<CampaignPatient> patients, IReadOnlyList<DateTime> slots, IReadOnlyList<string?> slotClinicians, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(slotClinicians);
        if (slotClinicians.Count != slots.Count)
        {
            throw new ArgumentException($"{slots.Count} slot(s) but {slotClinicians.Count} clinician(s): each slot has one entry, null when it names nobody.", nameof(slotClinicians));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO campaigns (practice_id, title, kind, words, callback_number, state, window_start, window_end, max_per_day, max_per_week, max_attempts, retry_waits, max_channels, time_zone, ends_by, created_by, created_at)
            VALUES (@PracticeId, @Title, @Kind, @Words, @CallbackNumber, @State, @WindowStart, @WindowEnd, @MaxPerDay, @MaxPerWeek, @MaxAttempts, @RetryWaits, @MaxChannels, @TimeZone, @EndsBy, @CreatedBy, @CreatedAt)
            RETURNING id
            """,
            new
            {
                campaign.PracticeId,
                campaign.Title,
                Kind = campaign.Kind.ToString(),
                campaign.Words,
                campaign.CallbackNumber,
                State = nameof(CampaignState.Draft),
                WindowStart = campaign.Rules.WindowStart.ToString(ClockFormat, CultureInfo.InvariantCulture),
                WindowEnd = campaign.Rules.WindowEnd.ToString(ClockFormat, CultureInfo.InvariantCulture),
                campaign.Rules.MaxPerDay,
                campaign.Rules.MaxPerWeek,
                campaign.Retry.MaxAttempts,
                RetryWaits = string.Join(',', campaign.Retry.Waits.Select(w => w.ToString("c", CultureInfo.InvariantCulture))),
                campaign.MaxChannels,
                campaign.TimeZone,
                EndsBy = Time.Write(campaign.EndsBy),
                campaign.CreatedBy,
                CreatedAt = Time.Write(campaign.CreatedAt),
            },
            transaction,
            cancellationToken: cancellationToken));

        for (var i = 0; i < slots.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO campaign_slots (campaign_id, starts_at, clinician) VALUES (@id, @startsAt, @clinician)",
                new { id, startsAt = WriteLocal(slots[i]), clinician = slotClinicians[i] },
                transaction,
                cancellationToken: cancellationToken));
        }

        // The write transaction holds the write lock (on PostgreSQL, the patients' numbering lock), so the next ids are
        // known before inserting: each row goes in whole, its encrypted values bound to its id, in one prepared
        // statement reused for a list of thousands.
        await database.SerializeAsync(connection, transaction, "campaign_patients", cancellationToken);
        var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM campaign_patients", transaction: transaction, cancellationToken: cancellationToken));
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            """
            INSERT INTO campaign_patients (id, campaign_id, line, name_enc, phone_enc, phone_hash, email_enc, appointment_enc, clinician_enc, progress)
            VALUES (@id, @campaign, @line, @name, @phone, @hash, @email, @appointment, @clinician, 'Waiting')
            """;
        string[] names = ["id", "campaign", "line", "name", "phone", "hash", "email", "appointment", "clinician"];
        var parameters = names.Select(n =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = n;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var patient in patients)
        {
            var row = next++;
            var rowId = row.ToString(CultureInfo.InvariantCulture);
            object?[] values =
            [
                row,
                id,
                patient.Line,
                protector.Protect(patient.Name, PatientsTable, "name", rowId),
                protector.Protect(patient.Phone, PatientsTable, "phone", rowId),
                protector.Index(patient.Phone, PhoneIndex),
                protector.Protect(patient.Email, PatientsTable, "email", rowId),
                protector.Protect(patient.Appointment is { } at ? WriteLocal(at) : null, PatientsTable, "appointment", rowId),
                protector.Protect(patient.Clinician, PatientsTable, "clinician", rowId),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<Campaign?> GetAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {CampaignColumns} FROM campaigns WHERE id = @campaignId",
            new { campaignId },
            cancellationToken: cancellationToken));
        return row is null ? null : ToCampaign(row);
    }

    public async Task<IReadOnlyList<Campaign>> ListAsync(IReadOnlyCollection<string>? practiceIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {CampaignColumns} FROM campaigns {(practiceIds is null ? string.Empty : "WHERE " + database.AnyOf("practice_id", "@practiceIds"))} ORDER BY created_at DESC, id DESC",
            new { practiceIds = practiceIds?.ToArray() },
            cancellationToken: cancellationToken));
        return rows.Select(ToCampaign).ToList();
    }

    public async Task<bool> ChangeStateAsync(long campaignId, CampaignState from, CampaignState to, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var ends = to is CampaignState.Cancelled or CampaignState.Finished;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE campaigns SET state = @to,
                started_at = {(to == CampaignState.Running ? "COALESCE(started_at, @at)" : "started_at")},
                ended_at = {(ends ? "@at" : "ended_at")}
            WHERE id = @campaignId AND state = @from
            """,
            new { campaignId, from = from.ToString(), to = to.ToString(), at = Time.Write(at) },
            transaction,
            cancellationToken: cancellationToken));
        if (moved == 1 && from == CampaignState.Draft && to == CampaignState.Running)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE campaign_patients SET next_at = @at WHERE campaign_id = @campaignId AND progress = 'Waiting' AND next_at IS NULL",
                new { campaignId, at = Time.Write(at) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return moved == 1;
    }

    /// <summary>
    /// Running campaigns nobody is left to call on, and running or paused ones whose end passed (their links stop
    /// working then too), each moved to finished by a compare-and-set of its state.
    /// </summary>
    public async Task<IReadOnlyList<long>> FinishOverAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginAsync(connection, cancellationToken);
        var over = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            UPDATE campaigns SET state = 'Finished', ended_at = @now
            WHERE (state = '{Running}' AND NOT EXISTS (SELECT 1 FROM campaign_patients p WHERE p.campaign_id = campaigns.id AND p.progress IN {ToCall}))
               OR (state IN ('{Running}', '{Paused}') AND ends_by <= @now)
            RETURNING id
            """,
            new { now = Time.Write(now) },
            transaction,
            cancellationToken: cancellationToken))).Order().ToList();
        await transaction.CommitAsync(cancellationToken);
        return over;
    }

    private static Campaign ToCampaign(CampaignRow r) => new()
    {
        Id = r.id,
        PracticeId = r.practice_id,
        Title = r.title,
        Kind = Enum.Parse<CampaignKind>(r.kind),
        Words = r.words,
        CallbackNumber = r.callback_number,
        State = Enum.Parse<CampaignState>(r.state),
        Rules = new CallingRules
        {
            WindowStart = TimeOnly.ParseExact(r.window_start, ClockFormat, CultureInfo.InvariantCulture),
            WindowEnd = TimeOnly.ParseExact(r.window_end, ClockFormat, CultureInfo.InvariantCulture),
            MaxPerDay = (int)r.max_per_day,
            MaxPerWeek = (int)r.max_per_week,
        },
        Retry = ReadRetry((int)r.max_attempts, r.retry_waits),
        MaxChannels = (int)r.max_channels,
        TimeZone = r.time_zone,
        EndsBy = Time.Read(r.ends_by),
        CreatedBy = r.created_by,
        CreatedAt = Time.Read(r.created_at),
        StartedAt = Time.ReadNullable(r.started_at),
        EndedAt = Time.ReadNullable(r.ended_at),
    };

    /// <summary>The default rules come back as <see cref="RetryRules.Default"/> itself, so a campaign read back equals the one saved.</summary>
    private static RetryRules ReadRetry(int maxAttempts, string waits)
    {
        var read = waits.Length == 0 ? [] : waits.Split(',').Select(w => TimeSpan.ParseExact(w, "c", CultureInfo.InvariantCulture)).ToArray();
        return maxAttempts == RetryRules.Default.MaxAttempts && read.SequenceEqual(RetryRules.Default.Waits)
            ? RetryRules.Default
            : new RetryRules { MaxAttempts = maxAttempts, Waits = read };
    }

    private static string WriteLocal(DateTime value) => value.ToString(LocalFormat, CultureInfo.InvariantCulture);

    private static DateTime ReadLocal(string value) => DateTime.ParseExact(value, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private async Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private sealed record CampaignRow(
        long id, string practice_id, string title, string kind, string words, string callback_number, string state, string window_start, string window_end,
        long max_per_day, long max_per_week, long max_attempts, string retry_waits, long max_channels, string time_zone, string ends_by, string created_by,
        string created_at, string? started_at, string? ended_at);
}
