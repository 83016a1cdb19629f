using System.Security.Cryptography;
using Ivr.Domain.Outbound;

namespace Ivr.Domain.Tests.Support;

/// <summary>Campaigns in memory, keeping <see cref="ICampaignStore"/>'s rules (leases, first close stands, atomic slots), for the dialler's and the call's unit tests.</summary>
public sealed class InMemoryCampaignStore : ICampaignStore
{
    private readonly Lock _lock = new();
    private readonly List<Campaign> _campaigns = [];
    private readonly List<Row> _patients = [];
    private readonly List<CampaignAttempt> _attempts = [];
    private readonly List<CampaignSlot> _slots = [];
    private readonly Dictionary<(string, string), DateTimeOffset> _optOuts = [];
    private readonly Dictionary<string, long> _links = [];

    public IReadOnlyList<CampaignAttempt> Attempts { get { lock (_lock) { return [.. _attempts]; } } }

    public Task<long> CreateAsync(Campaign campaign, IReadOnlyList<CampaignPatient> patients, IReadOnlyList<DateTime> slots, IReadOnlyList<string?> slotClinicians, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var id = _campaigns.Count + 1L;
            _campaigns.Add(campaign with { Id = id, State = CampaignState.Draft });
            foreach (var patient in patients)
            {
                _patients.Add(new Row { Record = new CampaignPatientRecord(_patients.Count + 1, id, patient, PatientProgress.Waiting, 0, null, null, null, null, null, null) });
            }

            for (var i = 0; i < slots.Count; i++)
            {
                _slots.Add(new CampaignSlot(NextSlotId(), id, slots[i], i < slotClinicians.Count ? slotClinicians[i] : null, null));
            }

            return Task.FromResult(id);
        }
    }

    public Task<Campaign?> GetAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_campaigns.FirstOrDefault(c => c.Id == campaignId));
        }
    }

    public Task<IReadOnlyList<Campaign>> ListAsync(IReadOnlyCollection<string>? practiceIds, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Campaign>>(_campaigns.Where(c => practiceIds?.Contains(c.PracticeId) ?? true).Reverse().ToList());
        }
    }

    public Task<bool> ChangeStateAsync(long campaignId, CampaignState from, CampaignState to, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _campaigns.FindIndex(c => c.Id == campaignId && c.State == from);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            var campaign = _campaigns[index];
            _campaigns[index] = campaign with
            {
                State = to,
                StartedAt = from == CampaignState.Draft && to == CampaignState.Running ? at : campaign.StartedAt,
                EndedAt = to is CampaignState.Cancelled or CampaignState.Finished ? at : campaign.EndedAt,
            };
            if (from == CampaignState.Draft && to == CampaignState.Running)
            {
                foreach (var row in _patients.Where(p => p.Record.CampaignId == campaignId))
                {
                    row.Record = row.Record with { NextAt = at };
                }
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<CampaignPatientRecord>> PatientsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignPatientRecord>>(_patients.Where(p => p.Record.CampaignId == campaignId).Select(Current).ToList());
        }
    }

    public Task<CampaignPatientRecord?> PatientAsync(long patientId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_patients.Where(p => p.Record.Id == patientId).Select(Current).FirstOrDefault());
        }
    }

    public async Task<CampaignCounts> CountsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var patients = await PatientsAsync(campaignId, cancellationToken);
        lock (_lock)
        {
            return new CampaignCounts(patients.GroupBy(p => p.Progress).ToDictionary(g => g.Key, g => g.Count()), _attempts.Count(a => a.CampaignId == campaignId));
        }
    }

    public Task<IReadOnlyList<CampaignAttempt>> AttemptsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignAttempt>>(_attempts.Where(a => a.CampaignId == campaignId).ToList());
        }
    }

    public Task<CampaignAttempt?> AttemptAsync(long attemptId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_attempts.FirstOrDefault(a => a.Id == attemptId));
        }
    }

    public Task<bool> LabelAmdAsync(long attemptId, string label, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _attempts.FindIndex(a => a.Id == attemptId && a.AmdStatus is not null);
            if (index >= 0)
            {
                _attempts[index] = _attempts[index] with { AmdLabel = label };
            }

            return Task.FromResult(index >= 0);
        }
    }

    public Task<bool> MarkConfirmedAsync(long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var row = _patients.Single(p => p.Record.Id == patientId);
            if (Done(row.Record.Progress))
            {
                return Task.FromResult(false);
            }

            row.Record = row.Record with { Progress = PatientProgress.Confirmed, NextAt = null, ConfirmedHow = how, ConfirmedAt = at };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<CampaignPatientRecord>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignPatientRecord>>(_patients
                .Where(p => Running(p.Record.CampaignId) && !Done(p.Record.Progress) && p.Record.NextAt <= now && (p.LeaseUntil is null || p.LeaseUntil <= now))
                .OrderBy(p => p.Record.NextAt).Take(limit).Select(Current).ToList());
        }
    }

    public Task<int> InProgressAsync(long campaignId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_patients.Count(p => p.Record.CampaignId == campaignId && p.LeaseUntil > now));
        }
    }

    public Task<bool> ClaimAsync(long patientId, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var row = _patients.Single(p => p.Record.Id == patientId);
            if (!Running(row.Record.CampaignId) || Done(row.Record.Progress) || !(row.Record.NextAt <= now) || row.LeaseUntil > now)
            {
                return Task.FromResult(false);
            }

            for (var i = 0; i < _attempts.Count; i++)
            {
                if (_attempts[i].PatientId == patientId && _attempts[i].EndedAt is null)
                {
                    _attempts[i] = _attempts[i] with { EndedAt = now, Result = AttemptResult.Failed, Detail = "interrupted: the service stopped during the call" };
                }
            }

            (row.Owner, row.LeaseUntil) = (owner, leaseUntil);
            return Task.FromResult(true);
        }
    }

    public Task HoldAsync(long patientId, string owner, DateTimeOffset? notBefore, string rule, string why, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var row = _patients.Single(p => p.Record.Id == patientId && p.Owner == owner);
            row.Record = row.Record with { NextAt = notBefore, HeldBy = rule, HeldWhy = why, Progress = notBefore is null ? PatientProgress.OptedOut : row.Record.Progress };
            (row.Owner, row.LeaseUntil) = (null, null);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<DateTimeOffset>> CallTimesAsync(long campaignId, string phone, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var ids = _patients.Where(p => p.Record.CampaignId == campaignId && p.Record.Patient.Phone == phone).Select(p => p.Record.Id).ToHashSet();
            return Task.FromResult<IReadOnlyList<DateTimeOffset>>(_attempts.Where(a => ids.Contains(a.PatientId)).Select(a => a.StartedAt).ToList());
        }
    }

    public Task<long> StartAttemptAsync(long patientId, DateTimeOffset at, CallingDecision decision, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var row = _patients.Single(p => p.Record.Id == patientId);
            var id = _attempts.Count + 1L;
            _attempts.Add(new CampaignAttempt(id, row.Record.CampaignId, patientId, at, null, null, null, null, decision.Rule, decision.Why, null, null));
            return Task.FromResult(id);
        }
    }

    public Task SetAmdAsync(long attemptId, string status, string cause, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _attempts.FindIndex(a => a.Id == attemptId);
            _attempts[index] = _attempts[index] with { AmdStatus = status, AmdCause = cause };
            return Task.CompletedTask;
        }
    }

    public Task<bool> FinishAttemptAsync(long attemptId, AttemptResult result, string detail, DateTimeOffset at, PatientNext next, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _attempts.FindIndex(a => a.Id == attemptId && a.EndedAt is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _attempts[index] = _attempts[index] with { EndedAt = at, Result = result, Detail = detail };
            var row = _patients.Single(p => p.Record.Id == _attempts[index].PatientId);
            if (!Done(row.Record.Progress))
            {
                row.Record = row.Record with { Progress = next.Progress, NextAt = next.RetryAfter };
            }

            (row.Owner, row.LeaseUntil) = (null, null);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<long>> FinishOverAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var over = _campaigns.Where(c => c.State == CampaignState.Running && (c.EndsBy <= now || _patients.Where(p => p.Record.CampaignId == c.Id).All(p => Done(p.Record.Progress)))).Select(c => c.Id).ToList();
            foreach (var id in over)
            {
                var index = _campaigns.FindIndex(c => c.Id == id);
                _campaigns[index] = _campaigns[index] with { State = CampaignState.Finished, EndedAt = now };
            }

            return Task.FromResult<IReadOnlyList<long>>(over);
        }
    }

    public Task OptOutAsync(string practiceId, string phone, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _optOuts.TryAdd((practiceId, phone), at);
            return Task.CompletedTask;
        }
    }

    public Task<DateTimeOffset?> OptedOutAtAsync(string practiceId, string phone, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<DateTimeOffset?>(_optOuts.TryGetValue((practiceId, phone), out var at) ? at : null);
        }
    }

    public Task<IReadOnlyList<CampaignSlot>> SlotsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignSlot>>(_slots.Where(s => s.CampaignId == campaignId).OrderBy(s => s.StartsAt).ToList());
        }
    }

    public Task<IReadOnlyList<CampaignSlot>> OpenSlotsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignSlot>>(_slots.Where(s => s.CampaignId == campaignId && s.TakenBy is null).OrderBy(s => s.StartsAt).ToList());
        }
    }

    public Task<bool> TakeSlotAsync(long slotId, long patientId, string how, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _slots.FindIndex(s => s.Id == slotId && s.TakenBy is null);
            var row = _patients.Single(p => p.Record.Id == patientId);
            if (index < 0 || row.Record.SlotId is not null)
            {
                return Task.FromResult(false);
            }

            _slots[index] = _slots[index] with { TakenBy = patientId };
            row.Record = row.Record with { SlotId = slotId, Progress = PatientProgress.Rescheduled, NextAt = null, ConfirmedHow = how, ConfirmedAt = at };
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReleaseSlotAsync(long slotId, long patientId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _slots.FindIndex(s => s.Id == slotId && s.TakenBy == patientId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _slots[index] = _slots[index] with { TakenBy = null };
            var row = _patients.Single(p => p.Record.Id == patientId);
            row.Record = row.Record with { SlotId = null, Progress = PatientProgress.Trying, ConfirmedHow = null, ConfirmedAt = null };
            return Task.FromResult(true);
        }
    }

    public Task MirrorEhrSlotsAsync(long campaignId, IReadOnlyList<(string EhrSlotId, DateTime StartsAt, string? Clinician)> free, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var listed = free.Select(f => f.EhrSlotId).ToHashSet(StringComparer.Ordinal);
            _slots.RemoveAll(s => s.CampaignId == campaignId && s.EhrSlotId is { } id && s.TakenBy is null && !listed.Contains(id));
            foreach (var (ehrSlotId, startsAt, clinician) in free)
            {
                var index = _slots.FindIndex(s => s.CampaignId == campaignId && s.EhrSlotId == ehrSlotId);
                if (index < 0)
                {
                    _slots.Add(new CampaignSlot(NextSlotId(), campaignId, startsAt, clinician, null, ehrSlotId));
                }
                else
                {
                    _slots[index] = _slots[index] with { StartsAt = startsAt, Clinician = clinician };
                }
            }

            return Task.CompletedTask;
        }
    }

    private long NextSlotId() => _slots.Count == 0 ? 1 : _slots.Max(s => s.Id) + 1;

    /// <summary>Takes a slot from under everyone, as another patient would.</summary>
    public void TakeFromUnder(long slotId, long patientId)
    {
        lock (_lock)
        {
            var index = _slots.FindIndex(s => s.Id == slotId);
            _slots[index] = _slots[index] with { TakenBy = patientId };
        }
    }

    public Task<IReadOnlyList<CampaignPatientRecord>> UnmailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CampaignPatientRecord>>(_patients.Where(p => p.Record.Patient.Email is not null && !p.Mailed && Running(p.Record.CampaignId)).Take(limit).Select(Current).ToList());
        }
    }

    public Task<string?> IssueLinkAsync(long patientId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var row = _patients.Single(p => p.Record.Id == patientId);
            if (row.Mailed)
            {
                return Task.FromResult<string?>(null);
            }

            row.Mailed = true;
            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _links[token] = patientId;
            return Task.FromResult<string?>(token);
        }
    }

    public Task<CampaignPatientRecord?> PatientByLinkAsync(string token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_links.TryGetValue(token, out var id) ? _patients.Where(p => p.Record.Id == id).Select(Current).FirstOrDefault() : null);
        }
    }

    public Task<bool> SpendLinkAsync(string token, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_links.Remove(token));
        }
    }

    private CampaignPatientRecord Current(Row row) => row.Record with { Attempts = _attempts.Count(a => a.PatientId == row.Record.Id) };

    private bool Running(long campaignId) => _campaigns.Any(c => c.Id == campaignId && c.State == CampaignState.Running);

    private static bool Done(PatientProgress progress) => progress is not (PatientProgress.Waiting or PatientProgress.Trying or PatientProgress.VoicemailLeft);

    private sealed class Row
    {
        public required CampaignPatientRecord Record { get; set; }

        public string? Owner { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }

        public bool Mailed { get; set; }
    }
}
