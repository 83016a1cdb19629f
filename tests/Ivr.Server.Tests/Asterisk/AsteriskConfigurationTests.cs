using System.Text.RegularExpressions;
using Ivr.Telephony.Calls;
using Ivr.Testing;

namespace Ivr.Server.Tests.Asterisk;

/// <summary>
/// Needs nothing but the repository: what dialplan/*.conf (the configuration scripts/asterisk installs)
/// lets Asterisk write and do. The end-to-end canary (CanaryEndToEndTests) shows the same on a real call.
/// </summary>
public sealed partial class AsteriskConfigurationTests
{
    /// <summary>Every CDR and CEL backend Asterisk 22 ships.</summary>
    private static readonly string[] RecordModules =
    [
        "cdr_csv", "cdr_custom", "cdr_sqlite3_custom", "cdr_manager", "cdr_adaptive_odbc", "cdr_odbc", "cdr_pgsql", "cdr_radius", "cdr_tds",
        "cel_custom", "cel_sqlite3_custom", "cel_manager", "cel_odbc", "cel_pgsql", "cel_radius", "cel_tds", "res_cdrel_custom",
    ];

    [Fact]
    public void NoLogChannelTakesVerboseOrDtmfAndTheConsoleIsQuiet()
    {
        var channels = Entries("logger.conf", "logfiles").ToList();

        Assert.Contains(channels, c => c.Key == "messages.log");
        foreach (var (name, levels) in channels)
        {
            var list = levels.Split(',', StringSplitOptions.TrimEntries);
            Assert.DoesNotContain("verbose", list);
            Assert.DoesNotContain("dtmf", list);
            Assert.DoesNotContain("debug", list);
            Assert.DoesNotContain("*", list);
            Assert.True(list.Order().SequenceEqual(["error", "notice", "warning"]), $"{name} => {levels}");
        }

        Assert.Equal("0", Value("asterisk.conf", "options", "verbose"));
    }

    [Fact]
    public void NoCallDetailRecordOrChannelEventIsWritten()
    {
        var noload = Entries("modules.conf", "modules").Where(e => e.Key == "noload").Select(e => e.Value).ToHashSet();

        Assert.All(RecordModules, module => Assert.Contains(module + ".so", noload));
        Assert.Equal("no", Value("cdr.conf", "general", "enable"));
        Assert.Equal("no", Value("cel.conf", "general", "enable"));
    }

    [Fact]
    public void TheSafetyNetsNoteCarriesTheCallersNumberOnlySealed()
    {
        var lines = File.ReadAllLines(Conf("extensions.conf")).Select(l => l.Split(';')[0]).ToList();
        var writes = lines.Where(l => l.Contains("FILE(", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(writes);
        Assert.All(writes, write => Assert.DoesNotContain("CALLERID", write, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(writes, write => write.Contains("caller=${NOTE_CALLER}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Set(NOTE_CALLER=${AES_ENCRYPT(${IVR_NOTE_KEY},", StringComparison.Ordinal));
        Assert.Equal("@SAFETY_NET_KEY@", Value("extensions.conf", "globals", "IVR_NOTE_KEY"));
    }

    [Fact]
    public void ACallRefusedForWantOfAnAgreementNeverReachesTheSafetyNetsMessage()
    {
        var inbound = Entries("extensions.conf", "ivr-inbound").Select(e => e.Value).ToList();
        var completed = inbound.FindIndex(v => v.Contains("\"${IVR_COMPLETED}\" = \"1\"]?done", StringComparison.Ordinal));
        var refused = inbound.FindIndex(v => v.Contains($"\"${{{InboundCallHandler.NoAgreementVariable}}}\" = \"1\"]?{InboundCallHandler.NoAgreementContext},s,1", StringComparison.Ordinal));
        var safetyNet = inbound.FindIndex(v => v.Contains("Goto(ivr-safety-net,s,1)", StringComparison.Ordinal));
        var context = Entries("extensions.conf", InboundCallHandler.NoAgreementContext).Select(e => e.Value).ToList();

        Assert.True(completed >= 0 && completed < refused && refused < safetyNet, string.Join("\n", inbound));
        Assert.Contains(context, v => v.Contains("Playback(ivr/emergency)", StringComparison.Ordinal));
        Assert.Contains(context, v => v.Contains($"Dial(${{{InboundCallHandler.NoAgreementDialVariable}}},", StringComparison.Ordinal));
        Assert.DoesNotContain(context, v => v.Contains("IVR_FALLBACK_DIAL", StringComparison.Ordinal));
        foreach (var keeps in new[] { "Record(", "FILE(", "VoiceMail(", "MixMonitor(", "ivr-safety-net", "CALLERID" })
        {
            Assert.DoesNotContain(context, v => v.Contains(keeps, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void TheSecondFastAgiServerIsTriedOnlyWhenTheFirstCannotBeReachedAndBeforeTheSafetyNet()
    {
        var inbound = Entries("extensions.conf", "ivr-inbound").Select(e => e.Value).ToList();
        var first = inbound.FindIndex(v => v.StartsWith("n,AGI(${IVR_AGI}/inbound?", StringComparison.Ordinal));
        var skip = inbound.FindIndex(v => v == "n,GotoIf($[\"${AGISTATUS}\" != \"FAILURE\" | \"${IVR_AGI_2}\" = \"\"]?answered)");
        var second = inbound.FindIndex(v => v.StartsWith("n,AGI(${IVR_AGI_2}/inbound?", StringComparison.Ordinal));
        var answered = inbound.FindIndex(v => v.StartsWith("n(answered),", StringComparison.Ordinal));
        var completed = inbound.FindIndex(v => v.StartsWith("n(finished),GotoIf($[\"${AGISTATUS}\" = \"SUCCESS\" & \"${IVR_COMPLETED}\" = \"1\"]?done)", StringComparison.Ordinal));
        var safetyNet = inbound.FindIndex(v => v.Contains("Goto(ivr-safety-net,s,1)", StringComparison.Ordinal));

        Assert.True(first >= 0 && first + 1 == skip && skip + 1 == second && second + 1 == answered && answered < completed && completed < safetyNet, string.Join("\n", inbound));
        Assert.Equal(inbound[first].Replace("${IVR_AGI}", "${IVR_AGI_2}", StringComparison.Ordinal), inbound[second]);
        Assert.Equal("@IVR_AGI@", Value("extensions.conf", "globals", "IVR_AGI"));
        Assert.Equal("@IVR_AGI_2@", Value("extensions.conf", "globals", "IVR_AGI_2"));
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "asterisk"));
        Assert.Contains("agi_url=${IVR_AGI:-agi://127.0.0.1:4573}", script);
        // No second server unless one is named: the dialplan then behaves as it did with one.
        Assert.Contains("agi_url_2=${IVR_AGI_2:-}", script);
    }

    [Fact]
    public void ACallerHandedToAnotherProcesssDeskGoesOnlyToAFastAgiServerTheDialplanKnowsOnceAndToTheSafetyNetShouldThatFail()
    {
        var inbound = Entries("extensions.conf", "ivr-inbound").Select(e => e.Value).ToList();
        var at = $"${{{InboundCallHandler.DeskAtVariable}}}";
        var answered = inbound.FindIndex(v => v == $"n(answered),GotoIf($[\"${{AGISTATUS}}\" = \"SUCCESS\" & \"{at}\" != \"\"]?desk)");
        var completed = inbound.FindIndex(v => v.StartsWith("n(finished),", StringComparison.Ordinal));
        var desk = inbound.FindIndex(v => v.StartsWith("n(desk),", StringComparison.Ordinal));
        Assert.True(answered >= 0 && answered + 1 == completed && completed < desk, string.Join("\n", inbound));

        // The address is taken and cleared (a second hand-off is never followed), checked against the two servers, then used.
        Assert.Equal(
        [
            $"n(desk),Set(IVR_DESK_TO={at})",
            $"n,Set({InboundCallHandler.DeskAtVariable}=)",
            "n,GotoIf($[\"${IVR_DESK_TO}\" != \"${IVR_AGI}\" & \"${IVR_DESK_TO}\" != \"${IVR_AGI_2}\"]?ivr-safety-net,s,1)",
            $"n,AGI(${{IVR_DESK_TO}}/{InboundCallHandler.DeskScript}?key=${{IVR_AGI_KEY}}&line=${{URIENCODE(${{{InboundCallHandler.DeskLineVariable}}})}})",
            "n,Goto(finished)",
        ],
        inbound.Skip(desk).Take(5));
    }

    [Fact]
    public void EveryPlaceholderInTheTemplatesIsFilledInWhenRendered()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "asterisk"));
        var placeholders = System.IO.Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dialplan"), "*.conf")
            .SelectMany(f => Placeholder().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .ToHashSet();

        Assert.Contains("@SIP_PORT@", placeholders);
        Assert.Contains("@AMI_PORT@", placeholders);
        Assert.All(placeholders, p => Assert.Contains($"-e \"s|{p}|", script, StringComparison.Ordinal));
        // Today's single Asterisk keeps its ports when nothing asks for others.
        foreach (var port in new[] { "5060", "5038", "8088", "10000", "20000" })
        {
            Assert.Matches($"=\\$\\{{IVR_ASTERISK_[A-Z_]+:-{port}\\}}", script);
        }
    }

    [Fact]
    public void AsteriskRunsAsItsOwnUser()
    {
        Assert.Equal("asterisk", Value("asterisk.conf", "options", "runuser"));
        Assert.Equal("asterisk", Value("asterisk.conf", "options", "rungroup"));
    }

    [Fact]
    public void TheAmiUserHasOnlyTheClassesTheServiceUses()
    {
        var write = Value("manager.conf", "ivr", "write").Split(',', StringSplitOptions.TrimEntries).Order().ToArray();
        var read = Value("manager.conf", "ivr", "read").Split(',', StringSplitOptions.TrimEntries);

        Assert.Equal(["call", "originate", "reporting"], write);
        foreach (var forbidden in new[] { "system", "command", "config", "all" })
        {
            Assert.DoesNotContain(forbidden, write);
        }

        foreach (var unused in new[] { "command", "config", "dtmf", "cdr", "log", "verbose", "all" })
        {
            Assert.DoesNotContain(unused, read);
        }
    }

    [Fact]
    public void TheServicesCallsOutRunTheirScriptThroughTheDialplanNotOriginatesAgiApplication()
    {
        var context = Entries("extensions.conf", DialplanAgi.Context).ToList();

        Assert.Contains(context, e => e.Key == "exten" && e.Value.StartsWith($"{DialplanAgi.Extension},1,AGI(${{{DialplanAgi.Variable}}})", StringComparison.Ordinal));
        var originate = new Ivr.Asterisk.Ami.AmiAction("Originate").RunningAgi("agi://127.0.0.1:4573/page?attempt=1");
        Assert.Null(originate.Get("Application"));
        Assert.Equal("IVR_ORIGINATE_AGI=agi://127.0.0.1:4573/page?attempt=1", originate.Get("Variable"));
    }

    [Fact]
    public void TestAndBenchmarkRoutesAreOutsideTheProductionEntryContext()
    {
        var production = Entries("extensions.conf", "ivr-entry").ToList();

        Assert.DoesNotContain(production, e => e.Key == "include");
        Assert.DoesNotContain(production, e => e.Value.StartsWith("_test-", StringComparison.Ordinal) || e.Value.StartsWith("_base-", StringComparison.Ordinal));
        Assert.Contains(Entries("extensions.conf", "ivr-test-routes"), e => e.Value.StartsWith("_test-", StringComparison.Ordinal));
        Assert.Contains(Entries("extensions.conf", "ivr-test-routes"), e => e.Value.StartsWith("_base-", StringComparison.Ordinal));
        Assert.Equal(["ivr-test-routes", "ivr-entry"], Entries("extensions.conf", "ivr-entry-test").Where(e => e.Key == "include").Select(e => e.Value));
        Assert.Equal("ivr-entry", Value("pjsip.conf", "sipp", "context"));
        var includers = Sections("extensions.conf").Where(s => s.Entries.Any(e => e.Key == "include" && e.Value == "ivr-test-routes")).Select(s => s.Name);
        Assert.Equal(["ivr-entry-test"], includers);
    }

    [Fact]
    public void ThePromptRecordingLineIs7767AndRunsItsScriptWithTheServicesKey()
    {
        Assert.Contains(Entries("extensions.conf", "ivr-entry"), e => e.Key == "exten" && e.Value == "7767,1,Goto(ivr-prompt-line,s,1)");
        var line = Entries("extensions.conf", "ivr-prompt-line").Where(e => e.Key == "exten").Select(e => e.Value).ToList();
        Assert.Equal([$"s,1,AGI(${{IVR_AGI}}/{Ivr.Domain.Flow.VoiceScripts.PromptLine}?key=${{IVR_AGI_KEY}})"], line);
    }

    [Fact]
    public void TheSoftphonesWebSocketIsOnLoopbackAndAsterisksWebServerServesNoRestInterfaceOrMetrics()
    {
        Assert.Equal("yes", Value("http.conf", "general", "enabled"));
        Assert.Equal("127.0.0.1", Value("http.conf", "general", "bindaddr"));
        Assert.DoesNotContain(Entries("http.conf", "general"), e => e.Key == "tlsenable" && e.Value == "yes");
        Assert.Equal("no", Value("http.conf", "general", "enablestatic"));
        Assert.Equal("no", Value("ari.conf", "general", "enabled"));
        Assert.Equal("no", Value("prometheus.conf", "general", "enabled"));
        Assert.Equal("ws", Value("pjsip.conf", "transport-ws", "protocol"));
        Assert.Equal("yes", Value("rtp.conf", "general", "icesupport"));
    }

    [Fact]
    public void OperatorsEndpointsComeFromTheServicesFileAfterPjsipConfAndCallNowhere()
    {
        foreach (var (type, family) in new[] { ("endpoint", "ps_endpoints"), ("auth", "ps_auths"), ("aor", "ps_aors") })
        {
            var wizards = Entries("sorcery.conf", "res_pjsip").Where(e => e.Key == type).Select(e => e.Value).ToList();
            Assert.Equal([$"config,pjsip.conf,criteria=type={type}", $"realtime,{family}"], wizards);
            Assert.Equal($"sqlite3,ivr-phones,{family}", Value("extconfig.conf", "settings", family));
        }

        Assert.Equal("@PHONES_DB@", Value("res_config_sqlite3.conf", "ivr-phones", "dbfile"));
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "asterisk"));
        Assert.Contains("phones_db=${IVR_ASTERISK_PHONES_DB:-/var/lib/asterisk/phones/phones.db}", script);
        Assert.Contains("Phones__Database=${base}${phones_db}", script);
        // The tables exist before Asterisk first looks a caller up there (else it logs their number).
        Assert.Contains("\"$repo/src/Ivr.Data/Phones/phones.sql\"", script);
        Assert.Equal("0", Value("res_config_sqlite3.conf", "ivr-phones", "batch"));
        var context = new Ivr.Data.PhoneEndpointOptions().Context;
        Assert.Single(Sections("extensions.conf"), s => s.Name == context);
        Assert.All(Entries("extensions.conf", context), e => Assert.EndsWith(",1,Hangup(21)", e.Value));
        // A softphone's WebSocket comes from the same address as SIPp's calls: its From user must name it first.
        Assert.StartsWith("username,", Value("pjsip.conf", "global", "endpoint_identifier_order"));
    }

    [Fact]
    public void CallsFromTheCarrierAreNeverTurnedAwayForTheirNumbersSpelling()
    {
        Assert.Equal("ivr-trunk", Value(Path.Combine("trunk", "pjsip-trunk.conf"), "@TRUNK_NAME@", "context"));
        var extensions = Entries("extensions.conf", "ivr-trunk").Where(e => e.Key == "exten").Select(e => e.Value.Split(',')[0]).ToList();

        // A number (with or without '+'), a name (our account's username: the number is then in To), or no user at all.
        Assert.Equal(["_[+0-9].", "_[a-zA-Z].", "s"], extensions);
        Assert.All(Entries("extensions.conf", "ivr-trunk").Where(e => e.Value.Contains("Goto(", StringComparison.Ordinal)), e => Assert.Matches(@"Goto\((ivr-inbound|ivr-trunk),|\?ivr-inbound,unknown,1\)", e.Value));
    }

    [Fact]
    public void DeskPhonesOverTlsGetSrtpOrNoCallAndLandWhereOperatorsPhonesDo()
    {
        var desk = Path.Combine("desk-phones", "pjsip-desk-phones.conf");

        Assert.Equal("tls", Value(desk, "transport-desk-tls", "protocol"));
        Assert.Equal("transport-desk-tls", Value(desk, "desk-phone-tls", "transport"));
        Assert.Equal("sdes", Value(desk, "desk-phone-tls", "media_encryption"));
        Assert.Equal("no", Value(desk, "desk-phone-tls", "media_encryption_optimistic"));
        Assert.Equal(new Ivr.Data.PhoneEndpointOptions().Context, Value(desk, "desk-phone-tls", "context"));
        // Included before the endpoints, so that a phone written in pjsip.conf can name the template.
        var pjsip = File.ReadAllLines(Conf("pjsip.conf")).ToList();
        Assert.True(pjsip.IndexOf("#tryinclude pjsip-desk-phones.conf") is var include and >= 0 && include < pjsip.IndexOf("[sipp]"));
    }

    [Fact]
    public void ThePeerTrunkBetweenServersAsksForTheSharedPasswordAndRingsOnlyOperatorsSoftphones()
    {
        var peers = Path.Combine("peers", "pjsip-peers.conf");
        var peer = Path.Combine("peers", "pjsip-peer.conf");
        var outbound = Telephony.Desk.SoftphoneRoute.PeerPrefix + "@PEER_NAME@";

        // Calls from another server: matched by their From user, challenged for the one password, into ivr-peer only.
        Assert.Equal("ivr-peer", Value(peers, "ivr-peer", "context"));
        Assert.Equal("ivr-peer-auth", Value(peers, "ivr-peer", "auth"));
        Assert.Equal(("userpass", "ivr-peer", "@PEER_SECRET@"), (Value(peers, "ivr-peer-auth", "auth_type"), Value(peers, "ivr-peer-auth", "username"), Value(peers, "ivr-peer-auth", "password")));
        Assert.StartsWith("username,", Value("pjsip.conf", "global", "endpoint_identifier_order"));
        // Calls to another server: the From user that server matches, the same credentials, its address.
        Assert.Equal("ivr-peer", Value(peer, outbound, "from_user"));
        Assert.Equal("ivr-peer-auth", Value(peer, outbound, "outbound_auth"));
        Assert.Equal("ivr-peer", Value(peer, outbound, "context"));
        Assert.Equal("@PEER_URI@", Value(peer, outbound, "contact"));
        Assert.Contains("#tryinclude pjsip-peers.conf", File.ReadAllLines(Conf("pjsip.conf")));

        // The context rings an operator's endpoint by its checked name and nothing else.
        var ring = Entries("extensions.conf", "ivr-peer").Select(e => e.Value).ToList();
        Assert.Single(ring, v => v.StartsWith("_", StringComparison.Ordinal));
        Assert.Contains($"${{REGEX(\"^{Ivr.Domain.Desk.OperatorEndpoint.Prefix}[a-z0-9][a-z0-9._-]*$\" ${{EXTEN}})}}]?ring)", ring[0], StringComparison.Ordinal);
        Assert.Equal("n,Hangup(21)", ring[1]);
        Assert.Single(ring, v => v.Contains("Dial(", StringComparison.Ordinal));
        Assert.Equal("n(ring),Dial(PJSIP/${EXTEN})", ring[2]);

        // scripts/asterisk fills each in.
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "asterisk"));
        Assert.All(new[] { "@PEER_SECRET@", "@PEER_NAME@", "@PEER_URI@" }, p => Assert.Contains($"-e \"s|{p}|", script, StringComparison.Ordinal));
    }

    private static string Conf(string name) => Path.Combine(RepositoryFiles.Root, "dialplan", name);

    private static string Value(string file, string section, string key) =>
        Entries(file, section).Last(e => e.Key == key).Value;

    private static IEnumerable<KeyValuePair<string, string>> Entries(string file, string section) =>
        Sections(file).Where(s => s.Name == section).SelectMany(s => s.Entries);

    /// <summary>Asterisk's configuration format: [section] headers (with a template mark), key = value or key => value, ; comments.</summary>
    private static IEnumerable<(string Name, List<KeyValuePair<string, string>> Entries)> Sections(string file)
    {
        var sections = new List<(string Name, List<KeyValuePair<string, string>> Entries)>();
        foreach (var raw in File.ReadAllLines(Conf(file)))
        {
            var line = raw.Split(';')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (SectionHeader().Match(line) is { Success: true } header)
            {
                sections.Add((header.Groups[1].Value, []));
                continue;
            }

            var parts = line.Split('=', 2);
            if (parts.Length == 2 && sections.Count > 0)
            {
                sections[^1].Entries.Add(new(parts[0].Trim(), parts[1].TrimStart('>').Trim()));
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^\[([^\]]+)\]")]
    private static partial Regex SectionHeader();

    [GeneratedRegex("@[A-Z_0-9]+@")]
    private static partial Regex Placeholder();
}
