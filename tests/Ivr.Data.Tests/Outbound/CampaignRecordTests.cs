using Dapper;
using Ivr.Domain.Outbound;

namespace Ivr.Data.Tests.Outbound;

/// <summary>
/// Needs a temporary SQLite file: a campaign, its patients and counts read back as saved; patient data is encrypted
/// in the file, its phone found by a keyed hash, and a key rotation covers both.
/// </summary>
public sealed class CampaignRecordTests
{
    private static readonly DateTimeOffset Now = CampaignFixture.Now;

    [Theory]
    [BothDatabases]
    public async Task ACampaignReadsBackAsSavedAsADraftAndListsNewestFirstByPractice(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var saved = CampaignFixture.Campaign() with
        {
            Kind = CampaignKind.Notice,
            State = CampaignState.Running,
            Rules = new CallingRules { WindowStart = new TimeOnly(9, 30), WindowEnd = new TimeOnly(19, 45), MaxPerDay = 2, MaxPerWeek = 5 },
            Retry = new RetryRules { MaxAttempts = 4, Waits = [TimeSpan.FromMinutes(15), TimeSpan.FromDays(1.5)] },
            MaxChannels = 2,
        };
        var plain = CampaignFixture.Campaign() with { CreatedAt = saved.CreatedAt.AddMinutes(1) };
        var lakeside = CampaignFixture.Campaign("lakeside") with { CreatedAt = saved.CreatedAt.AddMinutes(2) };

        var id = await f.Store.CreateAsync(saved, [], [], []);
        var plainId = await f.Store.CreateAsync(plain, [], [], []);
        var lakesideId = await f.Store.CreateAsync(lakeside, [], [], []);
        var read = await f.Store.GetAsync(id);

        Assert.Equal(saved with { Id = id, State = CampaignState.Draft, Retry = read!.Retry }, read);
        Assert.Equal(4, read.Retry.MaxAttempts);
        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromDays(1.5)], read.Retry.Waits);
        Assert.Equal(plain with { Id = plainId }, await f.Store.GetAsync(plainId));
        Assert.Null(await f.Store.GetAsync(lakesideId + 1));
        Assert.Equal([lakesideId, plainId, id], (await f.Store.ListAsync(null)).Select(c => c.Id));
        Assert.Equal([plainId, id], (await f.Store.ListAsync(["riverside"])).Select(c => c.Id));
        Assert.Empty(await f.Store.ListAsync([]));
    }

    [Theory]
    [BothDatabases]
    public async Task PatientsReadBackWithEveryField(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo, CampaignFixture.Ana], campaign: CampaignFixture.Campaign(kind: CampaignKind.Reschedule), slots: [new DateTime(2026, 12, 7, 9, 0, 0)]);
        var (maria, leo, ana) = (await f.PatientIdAsync(campaign, CampaignFixture.Maria), await f.PatientIdAsync(campaign, CampaignFixture.Leo), await f.PatientIdAsync(campaign, CampaignFixture.Ana));
        Assert.True(await f.Store.ClaimAsync(maria, "a", Now, Now.AddMinutes(5)));
        var attempt = await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));
        await f.Store.FinishAttemptAsync(attempt, AttemptResult.NoAnswer, "no answer", Now.AddMinutes(1), new PatientNext(PatientProgress.Trying, Now.AddMinutes(31)));
        Assert.True(await f.Store.ClaimAsync(maria, "a", Now.AddMinutes(31), Now.AddMinutes(36)));
        await f.Store.HoldAsync(maria, "a", Now.AddHours(17), "calls-a-day", "1 call(s) to this number today on the patient's clock, 1 a day at most");
        var slot = (await f.Store.OpenSlotsAsync(campaign)).Single().Id;
        Assert.True(await f.Store.TakeSlotAsync(slot, ana, "email link", Now.AddMinutes(2)));

        var patients = await f.Store.PatientsAsync(campaign);

        Assert.Equal(
            [
                new CampaignPatientRecord(maria, campaign, CampaignFixture.Maria, PatientProgress.Trying, 1, Now.AddHours(17), "calls-a-day", "1 call(s) to this number today on the patient's clock, 1 a day at most", null, null, null),
                new CampaignPatientRecord(leo, campaign, CampaignFixture.Leo, PatientProgress.Waiting, 0, Now, null, null, null, null, null),
                new CampaignPatientRecord(ana, campaign, CampaignFixture.Ana, PatientProgress.Rescheduled, 0, null, null, null, slot, "email link", Now.AddMinutes(2)),
            ],
            patients);
        Assert.Equal(patients[0], await f.Store.PatientAsync(maria));
        Assert.Null(await f.Store.PatientAsync(ana + 100));
    }

    [Theory]
    [BothDatabases]
    public async Task CountsGiveEveryProgressAndTheCallsMade(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo, CampaignFixture.Ana]);
        var other = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        foreach (var minute in new[] { 0, 40 })
        {
            Assert.True(await f.Store.ClaimAsync(maria, "a", Now.AddMinutes(minute), Now.AddMinutes(minute + 5)));
            var attempt = await f.Store.StartAttemptAsync(maria, Now.AddMinutes(minute), CallingDecision.Now("inside the window"));
            await f.Store.FinishAttemptAsync(attempt, AttemptResult.VoicemailLeft, "voicemail", Now.AddMinutes(minute + 1), new PatientNext(PatientProgress.VoicemailLeft, Now.AddMinutes(minute + 31)));
        }

        Assert.True(await f.Store.MarkConfirmedAsync(await f.PatientIdAsync(campaign, CampaignFixture.Leo), "staff: reached at the front desk", Now));
        await f.Store.StartAttemptAsync(await f.PatientIdAsync(other, CampaignFixture.Maria), Now, CallingDecision.Now("inside the window"));

        var counts = await f.Store.CountsAsync(campaign);

        Assert.Equal(Enum.GetValues<PatientProgress>().Length, counts.ByProgress.Count);
        Assert.Equal((1, 1, 1, 0), (counts.Of(PatientProgress.VoicemailLeft), counts.Of(PatientProgress.Confirmed), counts.Of(PatientProgress.Waiting), counts.Of(PatientProgress.OptedOut)));
        Assert.Equal((3, 1, 2), (counts.Patients, counts.Done, counts.Attempts));
        Assert.Equal(2, (await f.Store.AttemptsAsync(campaign)).Count);
        Assert.Equal(2, (await f.Store.PatientAsync(maria))!.Attempts);
    }

    [Theory]
    [BothDatabases]
    public async Task StaffLabelOnlyAnAttemptWithAnAmdResult(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        var withAmd = await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));
        await f.Store.SetAmdAsync(withAmd, "HUMAN", "HUMAN-1000-500");
        var without = await f.Store.StartAttemptAsync(maria, Now.AddDays(1), new CallingDecision(CallingVerdict.CallNow, null, "calls-a-day", "held until the next day"));

        Assert.True(await f.Store.LabelAmdAsync(withAmd, AmdLabels.Wrong));
        Assert.False(await f.Store.LabelAmdAsync(without, AmdLabels.Right));
        Assert.False(await f.Store.LabelAmdAsync(without + 1, AmdLabels.Right));
        await Assert.ThrowsAsync<ArgumentException>(() => f.Store.LabelAmdAsync(withAmd, "maybe"));

        var attempts = await f.Store.AttemptsAsync(campaign);
        Assert.Equal([(withAmd, "HUMAN", "HUMAN-1000-500", (string?)AmdLabels.Wrong), (without, null, null, null)], attempts.Select(a => (a.Id, a.AmdStatus, a.AmdCause, a.AmdLabel)));
        Assert.Equal(("calls-a-day", "held until the next day"), (attempts[1].Rule, attempts[1].Why));
    }

    [Theory]
    [BothDatabases]
    public async Task PatientDataIsEncryptedInTheFileAndThePhoneKeptOnlyAsAKeyedHash(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        await f.Store.OptOutAsync("riverside", CampaignFixture.Maria.Phone, Now);

        var file = f.RawFile();

        Assert.Contains("Dr. Rivera out Friday December 4", file, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria Lopez", file, StringComparison.Ordinal);
        Assert.DoesNotContain("5550142", file, StringComparison.Ordinal);
        Assert.DoesNotContain("maria@example.org", file, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-12-04T09:30", file, StringComparison.Ordinal);
        await using var connection = await f.Temp.Database.OpenAsync();
        var hashes = (await connection.QueryAsync<string>("SELECT phone_hash FROM campaign_patients UNION ALL SELECT phone_hash FROM campaign_opt_outs")).ToList();
        Assert.Equal([f.Temp.Protector.Index(CampaignFixture.Maria.Phone, "phone")], hashes.Distinct());
        Assert.Equal(2, hashes.Count);
        Assert.Equal(CampaignFixture.Maria, (await f.Store.PatientsAsync(campaign)).Single().Patient);
    }

    [Theory]
    [BothDatabases]
    public async Task AKeyRotationReEncryptsPatientsAndOptOutsAndTheirPhonesAreStillFound(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria, CampaignFixture.Leo]);
        var maria = await f.PatientIdAsync(campaign, CampaignFixture.Maria);
        await f.Store.StartAttemptAsync(maria, Now, CallingDecision.Now("inside the window"));
        await f.Store.OptOutAsync("riverside", CampaignFixture.Leo.Phone, Now);
        var oldKey = f.Temp.Protector.CurrentKeyId;
        var rotation = new PhiKeyRotation(f.Temp.Database, f.Temp.Protector, new RecordingVault(f.Temp.Protector));

        var result = await rotation.RotateAsync(null);

        // Maria: name, phone, email, appointment, clinician; Leo: name, phone; the opt-out's phone; three phone hashes.
        Assert.Equal(11, result.Values);
        Assert.Equal([oldKey], result.Retired);
        Assert.Equal((11, 0), (await rotation.StatusAsync(null))[result.CurrentKeyId]);
        var service = new SqliteCampaignStore(Database.For(f.Temp.Options), PhiProtector.FromOptions(f.Temp.Options));
        Assert.Equal([CampaignFixture.Maria, CampaignFixture.Leo], (await service.PatientsAsync(campaign)).Select(p => p.Patient));
        Assert.Equal([Now], await service.CallTimesAsync(campaign, CampaignFixture.Maria.Phone));
        Assert.Equal(Now, await service.OptedOutAtAsync("riverside", CampaignFixture.Leo.Phone));
    }

    [Theory]
    [BothDatabases]
    public async Task WhileARotationIsUnderWayAPhoneIsFoundUnderTheOldKeyAndTheNew(DataProvider provider)
    {
        using var f = await CampaignFixture.CreateAsync(provider);
        var campaign = await f.RunningAsync([CampaignFixture.Maria]);
        await f.Store.StartAttemptAsync(await f.PatientIdAsync(campaign, CampaignFixture.Maria), Now, CallingDecision.Now("inside the window"));
        var oldIndex = f.Temp.Protector.Index(CampaignFixture.Maria.Phone, "phone");

        f.Temp.Protector.BeginRotation();

        Assert.NotEqual(oldIndex, f.Temp.Protector.Index(CampaignFixture.Maria.Phone, "phone"));
        Assert.Equal([f.Temp.Protector.Index(CampaignFixture.Maria.Phone, "phone"), oldIndex], f.Temp.Protector.Indexes(CampaignFixture.Maria.Phone, "phone"));
        Assert.Equal([Now], await f.Store.CallTimesAsync(campaign, CampaignFixture.Maria.Phone));
    }
}
