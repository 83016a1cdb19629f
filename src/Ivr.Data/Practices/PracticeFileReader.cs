using System.Globalization;
using System.Text.RegularExpressions;
using Ivr.Domain.Desk;
using Ivr.Domain.Practices;
using Ivr.Domain.Scheduling;
using Ivr.Domain.Triage;
using Ivr.Data.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ivr.Data.Practices;

/// <summary>
/// Reads a practice file (YAML, or JSON, which YAML includes) into a <see cref="Practice"/>,
/// collecting every error with its line instead of stopping at the first. The format is in
/// docs/practices.md and <c>practices/*.yaml</c>.
/// </summary>
public sealed partial class PracticeFileReader : YamlFileReader
{
    private readonly IReadOnlySet<string>? _prompts;

    private PracticeFileReader(string file, IReadOnlySet<string>? prompts)
        : base(file)
    {
        _prompts = prompts;
    }

    /// <param name="path">The file.</param>
    /// <param name="prompts">The prompt ids Asterisk has (the host reads them from the prompt manifest); null skips that check.</param>
    public static Practice Read(string path, IReadOnlySet<string>? prompts = null) => Parse(System.IO.File.ReadAllText(path), path, prompts);

    public static Practice Parse(string text, string file, IReadOnlySet<string>? prompts = null)
    {
        var reader = new PracticeFileReader(file, prompts);
        var root = LoadRoot(text, file, "a practice file is a mapping of keys (id, name, timeZone, ...)", errors => new PracticeFileException(errors));
        var practice = reader.ReadPractice(root);
        if (reader.Errors.Count > 0)
        {
            throw new PracticeFileException(reader.Errors);
        }

        return practice!;
    }

    private Practice? ReadPractice(YamlMappingNode root)
    {
        Known(root, "id", "name", "timeZone", "numbers", "coverage", "office", "greeting", "greetingText", "namePrompt", "emergencyFallback", "ringSeconds", "escalation", "webhook", "agreement", "desk", "triage", "outbound", "ehr", "menu", "hours", "holidays", "closures", "clinicians", "rotations");
        var id = Text(root, "id", required: true);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Error(Child(root, "id")!, $"id '{id}' must be lower-case letters, digits and dashes");
        }
        else if (id is not null && PracticeRules.ReservedId(id) is { } reserved)
        {
            Error(Child(root, "id")!, reserved);
        }

        var timeZone = Text(root, "timeZone", required: true);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            Error(Child(root, "timeZone")!, $"'{timeZone}' is not an IANA time zone (e.g. America/New_York, Pacific/Honolulu)");
        }

        var coverage = CoverageMode.AfterHours;
        if (Text(root, "coverage") is { } coverageText && !CoverageModes.TryParse(coverageText, out coverage))
        {
            Error(Child(root, "coverage")!, $"coverage '{coverageText}' is not one of: {PracticeRules.CoverageChoices}");
        }

        var (office, officeWords) = Child(root, "office") is { } officeNode ? ReadOffice(officeNode) : (null, OfficeWords.None);
        if (PracticeRules.Coverage(coverage, office) is { } coverageError)
        {
            Error(Child(root, "coverage")!, coverageError);
        }

        var greetingText = Text(root, "greetingText") ?? string.Empty;
        if (PracticeRules.GreetingText(greetingText) is { } greetingError)
        {
            Error(Child(root, "greetingText")!, greetingError);
        }

        var clinicians = Items(root, "clinicians").Select(ReadClinician).OfType<Clinician>().ToList();
        foreach (var duplicate in clinicians.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            Error(Child(root, "clinicians")!, $"clinician id '{duplicate.Key}' is used more than once");
        }

        var rotations = Items(root, "rotations").Select(node => ReadRotation(node, clinicians)).OfType<Rotation>().ToList();
        foreach (var layer in rotations.GroupBy(r => r.Layer).Where(g => g.Count() > 1))
        {
            Error(Child(root, "rotations")!, $"{Layers.Name(layer.Key)} has more than one rotation ({string.Join(", ", layer.Select(r => r.Name))}); use one rotation per layer and overrides for exceptions");
        }

        var ring = Number(root, "ringSeconds", 25, 5, 120);
        var numbers = Items(root, "numbers").Select(n => Scalar(n) ?? string.Empty).Where(n => n.Length > 0).ToList();
        var practice = new Practice
        {
            Id = id ?? string.Empty,
            Name = Text(root, "name", required: true) ?? string.Empty,
            TimeZone = timeZone ?? "UTC",
            Numbers = numbers,
            Coverage = coverage,
            Office = office,
            GreetingPromptId = Prompt(root, "greeting") ?? "greeting-default",
            GreetingText = greetingText,
            NamePromptId = Prompt(root, "namePrompt") ?? "practice-name-default",
            EmergencyFallbackDial = Dial(root, "emergencyFallback") ?? string.Empty,
            RingTimeout = TimeSpan.FromSeconds(ring),
            Escalation = Child(root, "escalation") is { } escalation ? ReadEscalation(escalation) : EscalationPolicy.Default,
            WebhookUrl = Webhook(root),
            Hours = Child(root, "hours") is { } hours ? ReadHours(hours) : WeeklyHours.Closed,
            Holidays = Child(root, "holidays") is { } holidays ? ReadHolidays(holidays) : HolidayCalendar.None,
            Closures = Items(root, "closures").Select(ReadClosure).OfType<Closure>().ToList(),
            Clinicians = clinicians,
            Rotations = rotations,
            Agreement = Child(root, "agreement") is { } agreement ? ReadAgreement(agreement) : null,
            Desk = Child(root, "desk") is { } desk ? ReadDesk(desk, numbers) : DeskSettings.Default,
            Triage = Child(root, "triage") is { } triage ? ReadTriage(triage) : TriageSettings.Default,
            Outbound = Child(root, "outbound") is { } outbound ? ReadOutbound(outbound) : OutboundSettings.Default,
            Ehr = Child(root, "ehr") is { } ehr ? ReadEhr(ehr) : Ivr.Domain.Ehr.EhrSettings.None,
            Menu = Child(root, "menu") is { } menu ? ReadMenu(menu) : MainMenuSettings.Default,
            OfficeWords = officeWords,
        };
        if (practice.Menu.KeyOf(MainMenuChoice.OfficeInformation) is not null && !OfficeInformation.Of(practice).HasAnything)
        {
            Error(Child(root, "menu")!, "the menu offers office-information, but the practice has no hours and no office words (office: address, directions, fax, website) to say");
        }

        return practice;
    }

    /// <summary>The practice's business associate agreement; who recorded it and when may be left to the import.</summary>
    private BusinessAssociateAgreement? ReadAgreement(YamlNode node)
    {
        const string Shape = "agreement is a mapping: { signed: 2026-11-02, version: ..., practiceSigner: { name: ..., title: ... }, serviceSigner: { name: ..., title: ... } }";
        if (node is not YamlMappingNode map)
        {
            return Fail<BusinessAssociateAgreement?>(node, Shape, null);
        }

        Known(map, "signed", "version", "practiceSigner", "serviceSigner", "recordedBy", "recordedAt");
        var signed = Date(map, "signed");
        var version = Checked(map, "version", (_, text) => AgreementRules.Version(text));
        var practiceSigner = ReadSigner(map, "practiceSigner", "practice");
        var serviceSigner = ReadSigner(map, "serviceSigner", "service");
        var recordedBy = Checked(map, "recordedBy", (_, text) => AgreementRules.Text("recorder", text), required: false) ?? string.Empty;
        DateTimeOffset recordedAt = default;
        if (Text(map, "recordedAt") is { } at
            && !DateTimeOffset.TryParseExact(at, ["yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ssK", "O"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out recordedAt))
        {
            Error(Child(map, "recordedAt")!, $"recordedAt is a time like 2026-11-02T15:04:05Z, not '{at}'");
        }

        if ((recordedBy.Length > 0) != (Child(map, "recordedAt") is not null))
        {
            Error(map, "recordedBy and recordedAt go together: both, or neither (the import then records who imported it, and when)");
        }

        if (signed is null || version is null || practiceSigner is null || serviceSigner is null)
        {
            return null;
        }

        return new BusinessAssociateAgreement
        {
            Signed = signed.Value,
            Version = version,
            PracticeSigner = practiceSigner,
            ServiceSigner = serviceSigner,
            RecordedBy = recordedBy,
            RecordedAt = recordedBy.Length > 0 ? recordedAt : default,
        };
    }

    private AgreementSigner? ReadSigner(YamlMappingNode parent, string key, string side)
    {
        var node = Child(parent, key);
        if (node is null)
        {
            Error(parent, $"'{key}' is missing: {{ name: ..., title: ... }} of who signed for the {side}");
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            return Fail<AgreementSigner?>(node, $"{key} is a mapping: {{ name: Dana Whitfield, title: Practice Manager }}", null);
        }

        Known(map, "name", "title");
        var name = Checked(map, "name", (_, text) => AgreementRules.Text($"{side} signer's name", text));
        var title = Checked(map, "title", (_, text) => AgreementRules.Text($"{side} signer's title", text));
        return name is null || title is null ? null : new AgreementSigner(name, title);
    }

    /// <summary>The practice's triage settings: each rung named under <c>actions</c> gets exactly the actions listed; the others keep their defaults.</summary>
    private TriageSettings ReadTriage(YamlNode node)
    {
        const string Shape = "triage is a mapping: { actions: { see-today: [urgent-message, appointment-request], ... } }";
        if (node is not YamlMappingNode map)
        {
            return Fail(node, Shape, TriageSettings.Default);
        }

        Known(map, "actions");
        if (Child(map, "actions") is not { } actionsNode)
        {
            return TriageSettings.Default;
        }

        if (actionsNode is not YamlMappingNode rungs)
        {
            return Fail(actionsNode, "triage actions is a mapping of disposition codes to lists of actions: { see-today: [urgent-message, appointment-request] }", TriageSettings.Default);
        }

        var actions = new Dictionary<Disposition, TriageActions>();
        foreach (var (keyNode, value) in rungs.Children)
        {
            var code = Scalar(keyNode);
            if (!Dispositions.TryParse(code, out var disposition))
            {
                Error(keyNode, $"'{code}' is not a disposition; choose from {Dispositions.Choices}");
                continue;
            }

            if (value is not YamlSequenceNode list)
            {
                Error(value, $"{code} is a list of actions: [{TriageActionRules.Choices}]");
                continue;
            }

            var rung = TriageActions.None;
            var known = true;
            foreach (var item in list)
            {
                var word = Scalar(item);
                if (TriageActionRules.TryParse(word, out var action))
                {
                    rung |= action.Value;
                }
                else
                {
                    Error(item, $"'{word}' is not an action; choose from {TriageActionRules.Choices}");
                    known = false;
                }
            }

            if (known && TriageActionRules.Check(disposition.Value, rung) is { } wrong)
            {
                Error(value, wrong);
            }

            actions[disposition.Value] = rung;
        }

        return new TriageSettings { Actions = actions };
    }

    /// <summary>The practice's operator desk settings; every key may be left out for its default.</summary>
    private DeskSettings ReadDesk(YamlNode node, IReadOnlyList<string> numbers)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "desk is a mapping: { livePerson: operators-first, maxHoldSeconds: 90, ... }", DeskSettings.Default);
        }

        Known(map, "livePerson", "operatorHours", "maxHoldSeconds", "afterMaxHoldDoctor", "serviceLevel", "instructions", "operatorGreeting", "urgentLines", "nurseOption", "nurseRoute");
        var defaults = DeskSettings.Default;
        var policy = defaults.LivePerson;
        if (Text(map, "livePerson") is { } policyText && DeskRules.LivePerson(policyText, out policy) is { } policyError)
        {
            Error(Child(map, "livePerson")!, policyError);
        }

        var hours = Child(map, "operatorHours") is { } hoursNode ? ReadHours(hoursNode) : WeeklyHours.Closed;
        if (DeskRules.Hours(policy, hours) is { } hoursError)
        {
            Error(Child(map, "operatorHours") ?? Child(map, "livePerson")!, hoursError);
        }

        var doctor = Flag(map, "afterMaxHoldDoctor", defaults.AfterMaxHoldDoctor);
        var target = defaults.ServiceLevelTarget;
        if (Child(map, "serviceLevel") is { } levelNode)
        {
            if (levelNode is YamlMappingNode level)
            {
                Known(level, "percent", "seconds");
                target = new ServiceLevelTarget(
                    Number(level, "percent", target.Percent, DeskRules.MinPercent, DeskRules.MaxPercent),
                    TimeSpan.FromSeconds(Number(level, "seconds", (int)target.Within.TotalSeconds, DeskRules.MinTargetSeconds, DeskRules.MaxTargetSeconds)));
            }
            else
            {
                Error(levelNode, "serviceLevel is a mapping: { percent: 80, seconds: 20 }");
            }
        }

        var urgentLines = Items(map, "urgentLines").Select(n => Scalar(n) ?? string.Empty).Where(n => n.Length > 0).ToList();
        if (DeskRules.UrgentLines(urgentLines, numbers) is { } linesError)
        {
            Error(Child(map, "urgentLines")!, linesError);
        }

        var nurseOption = Flag(map, "nurseOption", defaults.NurseOption);
        var nurseRoute = defaults.NurseRoute;
        if (Text(map, "nurseRoute") is { } routeText && DeskRules.NurseRouteOf(routeText, out nurseRoute) is { } routeError)
        {
            Error(Child(map, "nurseRoute")!, routeError);
        }

        if (nurseRoute == NurseRoute.UrgentLines && urgentLines.Count == 0)
        {
            Error(Child(map, "nurseRoute")!, "nurseRoute urgent-lines needs the practice's urgentLines");
        }

        return new DeskSettings
        {
            LivePerson = policy,
            NurseOption = nurseOption,
            NurseRoute = nurseRoute,
            UrgentLines = [.. urgentLines.Select(PhoneNumbers.Normalize)],
            OperatorHours = hours,
            MaxHold = TimeSpan.FromSeconds(Number(map, "maxHoldSeconds", (int)defaults.MaxHold.TotalSeconds, DeskRules.MinMaxHoldSeconds, DeskRules.MaxMaxHoldSeconds)),
            AfterMaxHoldDoctor = doctor,
            ServiceLevelTarget = target,
            Instructions = Checked(map, "instructions", (_, text) => DeskRules.Instructions(text), required: false) ?? string.Empty,
            OperatorGreeting = Checked(map, "operatorGreeting", (_, text) => DeskRules.OperatorGreeting(text), required: false) ?? defaults.OperatorGreeting,
        };
    }

    private EscalationPolicy ReadEscalation(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "escalation is a mapping: { repeatSeconds: 300, attempts: 3 }", EscalationPolicy.Default);
        }

        Known(map, "repeatSeconds", "attempts");
        var defaults = EscalationPolicy.Default;
        return new EscalationPolicy(
            TimeSpan.FromSeconds(Number(map, "repeatSeconds", (int)defaults.RepeatEvery.TotalSeconds, PracticeRules.MinRepeatSeconds, PracticeRules.MaxRepeatSeconds)),
            Number(map, "attempts", defaults.AttemptsPerContact, PracticeRules.MinAttempts, PracticeRules.MaxAttempts));
    }

    private string Webhook(YamlMappingNode root)
    {
        var url = Text(root, "webhook");
        if (url is null)
        {
            return string.Empty;
        }

        if (PracticeRules.WebhookUrl(url) is { } problem)
        {
            return Fail(Child(root, "webhook")!, problem, string.Empty);
        }

        return url;
    }

    /// <summary>A dial string the dialplan passes to Dial(): refused when it could add options or channels.</summary>
    private string? Dial(YamlMappingNode map, string key, bool required = false) => Checked(map, key, PracticeRules.DialString, required);

    private string? Checked(YamlMappingNode map, string key, Func<string, string, string?> rule, bool required = true)
    {
        var text = Text(map, key, required);
        if (text is not null && rule(key, text) is { } problem)
        {
            return Fail<string?>(Child(map, key)!, problem, null);
        }

        return text;
    }

    /// <summary>
    /// The office: its line, rung first in business hours (<c>dial</c>, <c>ringSeconds</c>), and the words callers
    /// hear as office information (<c>address</c>, <c>directions</c>, <c>fax</c>, <c>website</c>); either may be left out.
    /// </summary>
    private (OfficeLine? Line, OfficeWords Words) ReadOffice(YamlNode node)
    {
        if (node is not YamlMappingNode office)
        {
            return Fail<(OfficeLine?, OfficeWords)>(node, "office is a mapping: { dial: ..., ringSeconds: ..., address: ..., directions: ..., fax: ..., website: ... }", (null, OfficeWords.None));
        }

        Known(office, "dial", "ringSeconds", "address", "directions", "fax", "website");
        var words = new OfficeWords
        {
            Address = OfficeWords.Normalize(Text(office, "address")),
            Directions = OfficeWords.Normalize(Text(office, "directions")),
            Fax = OfficeWords.Normalize(Text(office, "fax")),
            Website = OfficeWords.Normalize(Text(office, "website")),
        };
        foreach (var (key, problem) in words.Problems())
        {
            Error(Child(office, key)!, problem);
        }

        OfficeLine? line = null;
        if (Child(office, "dial") is not null)
        {
            var dial = Dial(office, "dial", required: true);
            line = dial is null ? null : new OfficeLine(dial, TimeSpan.FromSeconds(Number(office, "ringSeconds", 20, 5, 120)));
        }
        else if (Child(office, "ringSeconds") is { } ring)
        {
            Error(ring, "ringSeconds is how long the office line rings: give its dial too");
        }

        return (line, words);
    }

    /// <summary>
    /// The main menu (<c>menu:</c>): choices and their keys in the order callers hear them,
    /// <c>{ message: 1, live-person: 2, office-information: 4 }</c>. The message choice is always offered.
    /// </summary>
    private MainMenuSettings ReadMenu(YamlNode node)
    {
        const string Shape = "menu is a mapping of choices to keys, in the order callers hear them: { message: 1, live-person: 2, office-information: 4 }";
        if (node is not YamlMappingNode map)
        {
            return Fail(node, Shape, MainMenuSettings.Default);
        }

        var options = new List<MainMenuOption>();
        var ok = true;
        foreach (var (keyNode, value) in map.Children)
        {
            var name = Scalar(keyNode);
            if (!MainMenuRules.TryParse(name, out var choice))
            {
                Error(keyNode, $"'{name}' is not a menu choice; choose from {MainMenuRules.Choices}");
                ok = false;
                continue;
            }

            if (MainMenuRules.Key(Scalar(value)?.Trim() ?? string.Empty, out var key) is { } keyError)
            {
                Error(value, $"{name}: {keyError}");
                ok = false;
                continue;
            }

            options.Add(new MainMenuOption(choice, key));
        }

        if (ok && MainMenuRules.Check(options) is { } wrong)
        {
            Error(map, wrong);
        }

        return ok ? new MainMenuSettings { Options = options } : MainMenuSettings.Default;
    }

    private WeeklyHours ReadHours(YamlNode node)
    {
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "hours is a mapping of weekday to \"08:00-17:00\" or closed", WeeklyHours.Closed);
        }

        foreach (var (key, value) in map.Children)
        {
            if (!Enum.TryParse<DayOfWeek>(Scalar(key), ignoreCase: true, out var day) || int.TryParse(Scalar(key), out _))
            {
                Error(key, $"'{Scalar(key)}' is not a weekday (monday ... sunday)");
                continue;
            }

            var text = Scalar(value)?.Trim() ?? string.Empty;
            if (text is "closed" or "")
            {
                continue;
            }

            var intervals = new List<OpeningInterval>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var bounds = part.Split('-', StringSplitOptions.TrimEntries);
                OpeningInterval? interval = null;
                var problem = bounds.Length != 2 ? "an opening and a closing time" : PracticeRules.Interval(bounds[0], bounds[1], out interval);
                if (problem is not null)
                {
                    Error(value, $"'{part}' is not an opening interval like 08:00-17:00 (closing after opening; 24:00 for midnight): {problem}");
                    continue;
                }

                intervals.Add(interval!);
            }

            days[day] = intervals;
        }

        return new WeeklyHours(days);
    }

    private HolidayCalendar ReadHolidays(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail(node, "holidays is a mapping: { preset: us-federal, dates: [{ date: 2026-12-24, name: ... }] }", HolidayCalendar.None);
        }

        Known(map, "preset", "dates");
        var preset = Text(map, "preset");
        if (PracticeRules.HolidayPreset(preset) is { } presetError)
        {
            Error(Child(map, "preset")!, presetError);
        }

        var dates = new List<Holiday>();
        foreach (var item in Items(map, "dates"))
        {
            if (item is not YamlMappingNode holiday)
            {
                Error(item, "a holiday is { date: 2026-12-24, name: Christmas Eve }");
                continue;
            }

            Known(holiday, "date", "name");
            if (Date(holiday, "date") is { } date)
            {
                dates.Add(new Holiday(date, Text(holiday, "name") ?? "holiday"));
            }
        }

        return new HolidayCalendar(dates, preset);
    }

    private Closure? ReadClosure(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail<Closure?>(node, "a closure is { from: 2026-12-31T12:00, until: 2027-01-01T08:00, reason: ... }", null);
        }

        Known(map, "from", "until", "reason");
        var from = LocalTime(map, "from");
        var until = LocalTime(map, "until");
        if (from is null || until is null)
        {
            return null;
        }

        if (PracticeRules.Closure(from.Value, until.Value) is { } closureError)
        {
            return Fail<Closure?>(map, closureError, null);
        }

        return new Closure(from.Value, until.Value, Text(map, "reason", required: true) ?? string.Empty);
    }

    private Clinician? ReadClinician(YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail<Clinician?>(node, "a clinician is { id, name, role, contacts: [...] }", null);
        }

        Known(map, "id", "name", "role", "contacts");
        var id = Text(map, "id", required: true);
        var role = Text(map, "role") switch
        {
            null or "physician" => ClinicianRole.Physician,
            "nurse" => ClinicianRole.Nurse,
            "practice-admin" => ClinicianRole.PracticeAdmin,
            var other => Fail(Child(map, "role")!, $"role '{other}' is not one of: physician, nurse, practice-admin", ClinicianRole.Physician),
        };
        var contacts = new List<ContactMethod>();
        foreach (var item in Items(map, "contacts"))
        {
            if (item is not YamlMappingNode contact)
            {
                Error(item, "a contact is { sip: PJSIP/..., verified: true } or { phone: ... } or { email: ... }");
                continue;
            }

            Known(contact, "sip", "phone", "email", "verified");
            var kinds = new[] { ("sip", ContactKind.Sip), ("phone", ContactKind.Phone), ("email", ContactKind.Email) }
                .Where(k => Child(contact, k.Item1) is not null).ToArray();
            if (kinds.Length != 1)
            {
                Error(contact, "a contact has exactly one of sip, phone or email");
                continue;
            }

            var verified = Flag(contact, "verified", defaultValue: false);
            var address = kinds[0].Item2 switch
            {
                ContactKind.Sip => Dial(contact, "sip", required: true),
                ContactKind.Phone => Checked(contact, "phone", PracticeRules.PhoneNumber),
                _ => Text(contact, kinds[0].Item1, required: true),
            };
            contacts.Add(new ContactMethod(kinds[0].Item2, address ?? string.Empty, verified));
        }

        return id is null ? null : new Clinician(id, Text(map, "name", required: true) ?? id, role, contacts);
    }

    private Rotation? ReadRotation(YamlNode node, IReadOnlyList<Clinician> clinicians)
    {
        if (node is not YamlMappingNode map)
        {
            return Fail<Rotation?>(node, "a rotation is { name, layer, period, handoff, start, members }", null);
        }

        Known(map, "name", "layer", "period", "handoff", "start", "members");
        var name = Text(map, "name", required: true) ?? string.Empty;
        var layer = Layers.Primary;
        if (Text(map, "layer") is { } layerText && !Layers.TryParse(layerText, out layer))
        {
            Error(Child(map, "layer")!, $"layer '{layerText}' is not primary, backup or a number from 1");
        }

        var period = Text(map, "period") switch
        {
            null or "weekly" => RotationPeriod.Weekly,
            "daily" => RotationPeriod.Daily,
            var other => Fail(Child(map, "period")!, $"period '{other}' is not daily or weekly", RotationPeriod.Weekly),
        };
        var handoffText = Text(map, "handoff", required: true) ?? "08:00";
        var parts = handoffText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var day = DayOfWeek.Monday;
        var handoff = new TimeOnly(8, 0);
        var handoffOk = period == RotationPeriod.Weekly
            ? parts.Length == 2 && Enum.TryParse(parts[0], ignoreCase: true, out day) && !int.TryParse(parts[0], out _) && TryTime(parts[1], out handoff)
            : parts.Length == 1 && TryTime(parts[0], out handoff);
        if (!handoffOk && Child(map, "handoff") is { } handoffNode)
        {
            Error(handoffNode, period == RotationPeriod.Weekly ? $"a weekly handoff is a weekday and a time, like \"monday 08:00\", not '{handoffText}'" : $"a daily handoff is a time, like \"08:00\", not '{handoffText}'");
        }

        var start = Date(map, "start");
        var members = new List<string>();
        foreach (var item in Items(map, "members"))
        {
            var member = Scalar(item);
            if (member is null || clinicians.All(c => c.Id != member))
            {
                Error(item, $"rotation '{name}' names '{member}', who is not among the clinicians");
                continue;
            }

            members.Add(member);
        }

        if (members.Count == 0 && Child(map, "members") is null)
        {
            Error(map, $"rotation '{name}' has no members");
        }

        return start is null ? null : new Rotation(name, layer, period, handoff, day, start.Value, members);
    }

    /// <summary>
    /// A prompt id, which must be one Asterisk has: STREAM FILE of a missing file fails
    /// (<c>result=-1 endpos=0</c>), and every such call would fall to the dialplan's safety net.
    /// </summary>
    private string? Prompt(YamlMappingNode map, string key)
    {
        var id = Text(map, key);
        if (id is not null && _prompts is not null && !_prompts.Contains(id))
        {
            Error(Child(map, key)!, $"prompt '{id}' is not in the prompt manifest; add '{id} | words' to prompts/manifest.txt (rendered at setup) or leave {key} out for the generic one");
        }

        return id;
    }

    private int Number(YamlMappingNode map, string key, int defaultValue, int min, int max)
    {
        var text = Text(map, key);
        if (text is null)
        {
            return defaultValue;
        }

        if (PracticeRules.Whole(key, text, min, max, out var value) is { } problem)
        {
            return Fail(Child(map, key)!, problem, defaultValue);
        }

        return value;
    }

    private DateOnly? Date(YamlMappingNode map, string key)
    {
        var text = Text(map, key, required: true);
        if (text is null)
        {
            return null;
        }

        if (!PracticeRules.TryDate(text, out var date))
        {
            return Fail<DateOnly?>(Child(map, key)!, $"{key} is a date like 2026-12-24, not '{text}'", null);
        }

        return date;
    }

    private DateTime? LocalTime(YamlMappingNode map, string key)
    {
        var text = Text(map, key, required: true);
        if (text is null)
        {
            return null;
        }

        if (!PracticeRules.TryLocalTime(text, out var value))
        {
            return Fail<DateTime?>(Child(map, key)!, $"{key} is a local time like 2026-12-31T12:00, not '{text}'", null);
        }

        return value;
    }

    private static bool TryTime(string text, out TimeOnly time) => PracticeRules.TryTime(text, out time);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
