extern alias libphonenumber;

using System.Globalization;
using System.Net.Mail;
using CsvHelper;
using Ivr.Domain.Outbound;
using libphonenumber::PhoneNumbers;

namespace Ivr.Data.Outbound;

/// <summary>
/// Reads a campaign's patient list from CSV (CsvHelper): a header naming <c>name</c> and <c>phone</c>, and optionally
/// <c>email</c>, <c>appointment</c> (<c>yyyy-MM-dd HH:mm</c> on the practice's clock) and <c>clinician</c>, in any order.
/// Phones are parsed and normalised to E.164 with libphonenumber (numbers without a country code are read in
/// <c>defaultRegion</c>); a number that is not a valid one is an error, never dialled. Every bad row is reported as
/// <c>FILE:LINE: what</c>, all at once, and nothing is returned until the file is clean (the same number twice is an
/// error too, so nobody is called twice for one campaign).
/// </summary>
public static class CampaignListReader
{
    public const int MaxPatients = 10_000;
    public const int MaxNameLength = 120;

    private static readonly string[] Known = ["name", "phone", "email", "appointment", "clinician"];

    public static IReadOnlyList<CampaignPatient> Read(TextReader text, string fileName, string defaultRegion = "US")
    {
        var errors = new List<string>();
        var patients = new List<CampaignPatient>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var phones = PhoneNumberUtil.GetInstance();
        var options = new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = true };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var any = csv.Read();
        if (csv.Headers is not { Count: > 0 } header || header.All(string.IsNullOrWhiteSpace))
        {
            throw new CampaignListException([$"{fileName}:1: the file is empty: its first line names the columns (name, phone, email, appointment, clinician)"]);
        }

        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var unknown in columns.Where(c => !Known.Contains(c)))
        {
            errors.Add($"{fileName}:1: unknown column '{unknown}'; the columns are {string.Join(", ", Known)}");
        }

        foreach (var needed in new[] { "name", "phone" }.Where(n => !columns.Contains(n)))
        {
            errors.Add($"{fileName}:1: the column '{needed}' is missing");
        }

        if (errors.Count > 0)
        {
            throw new CampaignListException(errors);
        }

        var rows = 0;
        for (; any; any = csv.Read())
        {
            var line = (int)csv.LineNumber;
            string Field(string column) => columns.IndexOf(column) is var index and >= 0 && index < csv.FieldCount ? csv.GetString(index).Trim() : string.Empty;
            var where = $"{fileName}:{line.ToString(CultureInfo.InvariantCulture)}";
            if (Enumerable.Range(0, csv.FieldCount).All(i => csv.GetString(i).Trim().Length == 0))
            {
                continue;
            }

            var before = errors.Count;
            var name = Field("name");
            if (name.Length == 0)
            {
                errors.Add($"{where}: the name is empty");
            }
            else if (name.Length > MaxNameLength || name.Any(char.IsControl))
            {
                errors.Add($"{where}: the name is longer than {MaxNameLength} characters or holds control characters");
            }

            string? e164 = null;
            var phone = Field("phone");
            if (phone.Length == 0)
            {
                errors.Add($"{where}: the phone number is empty");
            }
            else
            {
                try
                {
                    var parsed = phones.Parse(phone, defaultRegion);
                    if (phones.IsValidNumber(parsed))
                    {
                        e164 = phones.Format(parsed, PhoneNumberFormat.E164);
                    }
                    else
                    {
                        errors.Add($"{where}: '{phone}' is not a valid phone number; it will not be dialled");
                    }
                }
                catch (NumberParseException)
                {
                    errors.Add($"{where}: '{phone}' is not a phone number; it will not be dialled");
                }
            }

            if (e164 is not null && !seen.TryAdd(e164, line))
            {
                errors.Add($"{where}: the same number as line {seen[e164].ToString(CultureInfo.InvariantCulture)}; each patient once");
            }

            var email = Field("email");
            if (email.Length > 0 && (!MailAddress.TryCreate(email, out var address) || address.Address != email))
            {
                errors.Add($"{where}: '{email}' is not an email address");
            }

            DateTime? appointment = null;
            var when = Field("appointment");
            if (when.Length > 0)
            {
                if (DateTime.TryParseExact(when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    appointment = at;
                }
                else
                {
                    errors.Add($"{where}: the appointment '{when}' is not a time written yyyy-MM-dd HH:mm");
                }
            }

            if (errors.Count == before)
            {
                var clinician = Field("clinician");
                patients.Add(new CampaignPatient(line, name, e164!, email.Length == 0 ? null : email, appointment, clinician.Length == 0 ? null : clinician));
            }

            if (++rows > MaxPatients)
            {
                errors.Add($"{where}: a campaign's list holds at most {MaxPatients} patients");
                break;
            }
        }

        if (errors.Count > 0)
        {
            throw new CampaignListException(errors);
        }

        if (patients.Count == 0)
        {
            throw new CampaignListException([$"{fileName}: the list has no patients"]);
        }

        return patients;
    }
}

/// <summary>A campaign list that cannot be used: every problem, each as <c>FILE:LINE: what</c>.</summary>
public sealed class CampaignListException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
