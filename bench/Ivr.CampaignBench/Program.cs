using System.Diagnostics;
using System.Globalization;
using Ivr.CampaignBench;
using Ivr.Data;
using Ivr.Domain.Outbound;
using PhoneNumbers;

// Usage:
//   ivr-campaign-bench routes PATIENTS PERSON_PORT MACHINE_PORT UNANSWERED_PORT
//     prints the service's settings that route each kind's number prefixes to its SIPp phone, one a line;
//   ivr-campaign-bench run DATABASE KEY_FILE PRACTICE PATIENTS CHANNELS LIMIT_SECONDS INBOUND_RATE INBOUND_STATS -- INBOUND_COMMAND...
//     makes a running campaign of PATIENTS in the service's database (a zone where it is midday, ten calls a day, a
//     retry a few seconds later, two attempts), starts INBOUND_COMMAND (SIPp patients calling in, writing its
//     statistics to INBOUND_STATS), waits until every patient is done (or LIMIT_SECONDS), stops the inbound patients
//     (SIGUSR1: no new calls, the ones up finish) and prints the run's measurements as Markdown.
var c = CultureInfo.InvariantCulture;
if (args is ["routes", var count, var person, var machine, var unanswered])
{
    var ports = new Dictionary<PhoneKind, int>
    {
        [PhoneKind.Person] = int.Parse(person, c),
        [PhoneKind.Machine] = int.Parse(machine, c),
        [PhoneKind.Unanswered] = int.Parse(unanswered, c),
    };
    foreach (var route in CampaignMix.Routes(int.Parse(count, c), ports))
    {
        Console.WriteLine(route);
    }

    return 0;
}

var split = Array.IndexOf(args, "--");
if (args.Length == 0 || args[0] != "run" || split != 9 || split == args.Length - 1)
{
    Console.Error.WriteLine("usage: ivr-campaign-bench routes PATIENTS PERSON_PORT MACHINE_PORT UNANSWERED_PORT");
    Console.Error.WriteLine("       ivr-campaign-bench run DATABASE KEY_FILE PRACTICE PATIENTS CHANNELS LIMIT_SECONDS INBOUND_RATE INBOUND_STATS -- INBOUND_COMMAND...");
    return 2;
}

var data = new DataOptions { ConnectionString = $"Data Source={args[1]}", KeyFile = args[2] };
var practice = args[3];
var mix = CampaignMix.Of(int.Parse(args[4], c));
var channels = int.Parse(args[5], c);
var limit = TimeSpan.FromSeconds(int.Parse(args[6], c));
var inboundRate = double.Parse(args[7], c);
var inboundStats = args[8];
var inbound = args[(split + 1)..];

// Every number is one the service would accept from a practice's list.
var numbers = PhoneNumberUtil.GetInstance();
var invalid = mix.Phones.FirstOrDefault(p => !numbers.IsValidNumber(numbers.Parse(p.Phone, null)));
if (invalid.Phone is not null)
{
    Console.Error.WriteLine($"not a valid number: {invalid.Phone}");
    return 1;
}

var store = new SqliteCampaignStore(new SqliteDatabase(data), PhiProtector.FromOptions(data));
var campaign = new Campaign
{
    PracticeId = practice,
    Title = "Benchmark: Dr. Bench is out on Friday",
    Kind = CampaignKind.Cancellation,
    Words = "Your appointment on Friday is cancelled because the doctor is away.",
    CallbackNumber = "3125550199",
    TimeZone = ZoneWhereItIs(12),
    EndsBy = DateTimeOffset.UtcNow.AddDays(1),
    CreatedBy = "bench",
    MaxChannels = channels,
    Rules = CallingRules.Default with { MaxPerDay = CallingRules.MaxPerDayLimit, MaxPerWeek = CallingRules.MaxPerDayLimit },
    Retry = RetryRules.Default with { MaxAttempts = 2, Waits = [TimeSpan.FromSeconds(5)] },
};
var id = await store.CreateAsync(campaign, mix.Patients(), [], []);
var started = DateTimeOffset.UtcNow;
if (!await store.ChangeStateAsync(id, CampaignState.Draft, CampaignState.Running, started))
{
    Console.Error.WriteLine("the campaign could not be started");
    return 1;
}

var finished = false;
using (var callers = Process.Start(new ProcessStartInfo(inbound[0], inbound[1..]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
{
    // SIPp's own output goes to its files; reading it keeps its pipes from filling.
    var output = callers.StandardOutput.ReadToEndAsync();
    var errors = callers.StandardError.ReadToEndAsync();
    while (DateTimeOffset.UtcNow - started < limit && !callers.HasExited)
    {
        await Task.Delay(TimeSpan.FromSeconds(2));
        var counts = await store.CountsAsync(id);
        if (counts.Done == counts.Patients && await store.InProgressAsync(id, DateTimeOffset.UtcNow) == 0)
        {
            finished = true;
            break;
        }
    }

    if (!callers.HasExited)
    {
        // SIGUSR1: SIPp places no new calls and exits once the calls up have ended.
        using (var soft = Process.Start("kill", ["-USR1", callers.Id.ToString(c)]))
        {
            await soft.WaitForExitAsync();
        }

        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await callers.WaitForExitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            callers.Kill();
            await callers.WaitForExitAsync();
        }
    }

    await Task.WhenAll(output, errors);
    if (callers.ExitCode is not (0 or 1) && !File.Exists(inboundStats))
    {
        Console.Error.WriteLine($"the inbound patients' SIPp ended with {callers.ExitCode}: {await errors}");
    }
}

if (!finished)
{
    // Stopped at the limit: nobody else is called.
    await store.ChangeStateAsync(id, CampaignState.Running, CampaignState.Cancelled, DateTimeOffset.UtcNow);
}

var attempts = await store.AttemptsAsync(id);
var patients = (await store.PatientsAsync(id)).ToDictionary(p => p.Id);
var judged = attempts.Select(a => (mix.KindOf(patients[a.PatientId].Patient.Phone), a)).ToList();
var outcomes = patients.Values.GroupBy(p => (mix.KindOf(p.Patient.Phone), p.Progress)).ToDictionary(g => g.Key, g => g.Count());
var last = attempts.Select(a => a.EndedAt ?? a.StartedAt).DefaultIfEmpty(started).Max();
var (completed, failed) = SippStats.Totals(inboundStats);
new CampaignReport(mix.Phones.Count, channels, judged, outcomes, last - started, finished, completed, failed, inboundRate).Print(Console.Out);
return 0;

// A fixed-offset zone where the hour now is about noon, so the calling window is open all run.
static string ZoneWhereItIs(int hour)
{
    var offset = hour - DateTime.UtcNow.Hour;
    offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    offset = Math.Clamp(offset, -12, 14);
    // Etc/GMT's signs are POSIX's: Etc/GMT-5 is five hours ahead of UTC.
    return offset == 0 ? "Etc/UTC" : string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}");
}
