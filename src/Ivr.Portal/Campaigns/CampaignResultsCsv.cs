using System.Globalization;
using CsvHelper;
using Ivr.Domain.Outbound;
using Ivr.Domain.Scheduling;

namespace Ivr.Portal.Campaigns;

/// <summary>
/// A campaign's results as CSV (CsvHelper), one row per patient in the list's order: who, the number, where they stand,
/// the calls made and how the last ended, how and when they confirmed, and the slot they took. Times on the practice's
/// clock. Patient data: the export is audited as <c>campaign.export</c>.
/// </summary>
public static class CampaignResultsCsv
{
    public static readonly string[] Header =
        ["line", "patient", "phone", "email", "appointment", "clinician", "progress", "attempts", "last_result", "last_call_at", "confirmed_how", "confirmed_at", "slot", "slot_clinician"];

    public static string Write(CampaignLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var clock = new ZoneClock(lookup.Campaign!.TimeZone);
        string When(DateTimeOffset? at) => at is { } t ? CampaignPages.Local(clock.Local(t)) : string.Empty;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Names and emails are what a list held: a cell starting with = + - @ is escaped, not a spreadsheet formula.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var patient in lookup.Patients!)
            {
                var last = lookup.AttemptsOf(patient.Id).LastOrDefault();
                var slot = lookup.SlotOf(patient);
                csv.WriteRecord([
                    patient.Patient.Line.ToString(CultureInfo.InvariantCulture),
                    patient.Patient.Name,
                    patient.Patient.Phone,
                    patient.Patient.Email ?? string.Empty,
                    patient.Patient.Appointment is { } appointment ? CampaignPages.Local(appointment) : string.Empty,
                    patient.Patient.Clinician ?? string.Empty,
                    Ivr.Data.IvrJson.Word(patient.Progress),
                    patient.Attempts.ToString(CultureInfo.InvariantCulture),
                    last is null ? string.Empty : last.Result is { } r ? Ivr.Data.IvrJson.Word(r) : "in-progress",
                    When(last?.StartedAt),
                    patient.ConfirmedHow ?? string.Empty,
                    When(patient.ConfirmedAt),
                    slot is null ? string.Empty : CampaignPages.Local(slot.StartsAt),
                    slot?.Clinician ?? string.Empty,
                ]);
            }

            csv.Flush();
        }

        return text.ToString();
    }
}
