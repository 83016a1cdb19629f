using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.Http.Extensions;

namespace Ivr.Testing.Fhir;

// Searches: Slots by schedule, start and status; Patients by name and birth date; searchset paging.
public sealed partial class FhirDouble
{
    private const string PageOffset = "_getpagesoffset";

    private FhirReply SearchSlots(Exchange exchange)
    {
        var query = exchange.Query;
        List<Slot> slots;
        lock (_sync)
        {
            slots = _store.All<Slot>();
        }

        foreach (var schedule in query["schedule"])
        {
            var wanted = LastSegment(schedule!);
            slots = slots.Where(s => s.Schedule?.Reference is { } reference && LastSegment(reference) == wanted).ToList();
        }

        foreach (var start in query["start"])
        {
            if (!TryDateFilter(start!, out var keep))
            {
                return FhirReply.Outcome(400, OperationOutcome.IssueType.Invalid, $"start={start} is not a date search this server reads (ge, gt, le, lt, eq and an instant or a date)");
            }

            slots = slots.Where(s => s.Start is { } at && keep(at)).ToList();
        }

        foreach (var status in query["status"])
        {
            var codes = status!.Split(',');
            slots = slots.Where(s => s.Status is { } code && codes.Contains(code.GetLiteral())).ToList();
        }

        return Page(exchange, slots.OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal).ToList());
    }

    private FhirReply SearchPatients(Exchange exchange)
    {
        var query = exchange.Query;
        List<Patient> patients;
        lock (_sync)
        {
            patients = _store.All<Patient>();
        }

        static bool Starts(string? part, string text) => part?.StartsWith(text, StringComparison.OrdinalIgnoreCase) == true;
        foreach (var name in query["name"])
        {
            patients = patients.Where(p => p.Name.Any(n => Starts(n.Family, name!) || n.Given.Any(g => Starts(g, name!)) || Starts(n.Text, name!))).ToList();
        }

        foreach (var family in query["family"])
        {
            patients = patients.Where(p => p.Name.Any(n => Starts(n.Family, family!))).ToList();
        }

        foreach (var given in query["given"])
        {
            patients = patients.Where(p => p.Name.Any(n => n.Given.Any(g => Starts(g, given!)))).ToList();
        }

        foreach (var birthdate in query["birthdate"])
        {
            var day = birthdate!.StartsWith("eq", StringComparison.Ordinal) ? birthdate[2..] : birthdate;
            patients = patients.Where(p => p.BirthDate == day).ToList();
        }

        foreach (var identifier in query["identifier"])
        {
            patients = patients.Where(p => Matches(p.Identifier, identifier!)).ToList();
        }

        return Page(exchange, patients);
    }

    /// <summary>A searchset page of <paramref name="matches"/> from <c>_getpagesoffset</c>, <c>_count</c> long, with self and next links.</summary>
    private FhirReply Page<T>(Exchange exchange, List<T> matches)
        where T : Resource
    {
        var count = int.TryParse(exchange.Query["_count"], CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 100) : _options.PageSize;
        var offset = int.TryParse(exchange.Query[PageOffset], CultureInfo.InvariantCulture, out var from) ? Math.Max(0, from) : 0;
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = _options.Time.GetUtcNow() },
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = exchange.Url }],
            Entry = matches.Skip(offset).Take(count).Select(r => new Bundle.EntryComponent
            {
                FullUrl = $"{exchange.FhirBase}/{r.TypeName}/{r.Id}",
                Resource = r,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            }).ToList(),
        };
        if (offset + count < matches.Count)
        {
            var next = new QueryBuilder(exchange.Query.Where(q => q.Key is not (PageOffset or "_count")).SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
            {
                { "_count", count.ToString(CultureInfo.InvariantCulture) },
                { PageOffset, (offset + count).ToString(CultureInfo.InvariantCulture) },
            };
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = $"{exchange.FhirBase}/{typeof(T).Name}{next}" });
        }

        return FhirReply.Resource(200, bundle);
    }

    private static bool TryDateFilter(string parameter, out Func<DateTimeOffset, bool> keep)
    {
        keep = _ => true;
        var prefix = parameter.Length > 2 && char.IsLetter(parameter[0]) ? parameter[..2] : "eq";
        var text = char.IsLetter(parameter[0]) ? parameter[2..] : parameter;
        DateTimeOffset from, to;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A date is the whole day: ge a day from its start, le a day to its end.
            from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            to = from.AddDays(1);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            from = instant;
            to = instant;
        }
        else
        {
            return false;
        }

        Func<DateTimeOffset, bool>? chosen = prefix switch
        {
            "ge" => at => at >= from,
            "gt" => at => at >= to && at != from,
            "le" => at => from == to ? at <= to : at < to,
            "lt" => at => at < from,
            "eq" => at => from == to ? at == from : at >= from && at < to,
            _ => null,
        };
        keep = chosen ?? keep;
        return chosen is not null;
    }

    private static string LastSegment(string reference) => reference.TrimEnd('/').Split('/')[^1];

    /// <summary>Whether one of <paramref name="identifiers"/> is <paramref name="token"/> (<c>system|value</c>, <c>|value</c> or <c>value</c>).</summary>
    private static bool Matches(IEnumerable<Identifier> identifiers, string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar < 0 ? ((string?)null, token) : (token[..bar], token[(bar + 1)..]);
        return identifiers.Any(i => i.Value == value && (system is null || (system.Length == 0 ? string.IsNullOrEmpty(i.System) : i.System == system)));
    }
}
