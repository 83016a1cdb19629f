using System.Globalization;
using System.Text;
using Ivr.Asterisk.Ami;

namespace Ivr.Testing;

/// <summary>
/// A SIPp patient or physician: the SIP dialogue plus media — RFC 2833 digits and recorded speech
/// from the captures Debian's sip-tester ships. Keys and speech follow a <see cref="CallerCue"/>
/// (<see cref="When"/>): the scenario stops at a <c>recvCmd</c> until the service, seen through AMI,
/// listens on this caller's channel, so no key depends on how fast the machine plays prompts.
/// Without cues (the load benchmark, a caller that only hangs up) the media runs on its own timing.
/// </summary>
public sealed class SippScript
{
    private readonly List<Step> _steps = [];
    private readonly bool _uas;
    private bool _callerHangsUp;
    private bool _neverAnswers;
    private bool _busy;

    private SippScript(bool uas) => _uas = uas;

    private enum StepKind
    {
        Wait,
        Key,
        Speech,
        Cue,
        Hello,
        Greeting,
    }

    /// <summary>How long a phone's audio goes on after a hello or a greeting: longer than any campaign call's menu.</summary>
    private static readonly TimeSpan AnsweredSilence = TimeSpan.FromSeconds(90);

    /// <summary>The cues the script waits for, in order.</summary>
    public IReadOnlyList<CallerCue> Cues => _steps.Where(s => s.Kind == StepKind.Cue).Select(s => s.Cue!).ToList();

    /// <summary>A phone that rings and never answers (the service gives up and cancels).</summary>
    public static SippScript PhoneThatNeverAnswers() => new(uas: true) { _neverAnswers = true };

    /// <summary>A phone that is busy (486 Busy Here).</summary>
    public static SippScript BusyPhone() => new(uas: true) { _busy = true };

    /// <summary>A patient who calls the service.</summary>
    public static SippScript Patient() => new(uas: false);

    /// <summary>A phone that answers a call from the service (a physician).</summary>
    public static SippScript Phone() => new(uas: true);

    /// <summary>What follows waits until the service is at <paramref name="cue"/> on this caller's channel.</summary>
    public SippScript When(CallerCue cue)
    {
        _steps.Add(new Step(StepKind.Cue, default, default, cue));
        return this;
    }

    /// <summary>What follows waits until the service asks with the prompt <paramref name="promptId"/>.</summary>
    public SippScript WhenAsked(string promptId) => When(CallerCue.Prompt(promptId));

    /// <summary>What follows waits until the service records.</summary>
    public SippScript WhenRecording() => When(CallerCue.Recording);

    /// <summary>Silence for a while (before hanging up, or to stay on the line), not to time a key.</summary>
    public SippScript Wait(TimeSpan time)
    {
        _steps.Add(new Step(StepKind.Wait, default, time, null));
        return this;
    }

    /// <summary>Presses a key (an RFC 2833 event), then waits a moment for it to be taken.</summary>
    public SippScript Press(char key)
    {
        _steps.Add(new Step(StepKind.Key, key, default, null));
        return Wait(TimeSpan.FromMilliseconds(400));
    }

    public SippScript PressAll(string keys)
    {
        foreach (var key in keys)
        {
            Press(key);
        }

        return this;
    }

    /// <summary>Speaks for about seven seconds (real G.711 speech), so recordings get real audio.</summary>
    public SippScript Speak()
    {
        _steps.Add(new Step(StepKind.Speech, default, default, null));
        return Wait(RtpPcapWriter.SpeechLength + TimeSpan.FromMilliseconds(200));
    }

    /// <summary>
    /// A person answering: "hello", then silence sent as audio (it goes on in the background while the script waits
    /// for cues and presses keys), which Asterisk's AMD() takes for a person.
    /// </summary>
    public SippScript SayHello() => SayHello(TimeSpan.Zero);

    /// <summary>
    /// A person answering who says hello <paramref name="after"/> the answer, the line sending silent audio until then: a
    /// phone without cues (the benchmark's), whose hello must still come while AMD() listens.
    /// </summary>
    public SippScript SayHello(TimeSpan after)
    {
        _steps.Add(new Step(StepKind.Hello, default, after, null));
        return this;
    }

    /// <summary>An answering machine: a six-second greeting, then silence sent as audio, which AMD() takes for a machine.</summary>
    public SippScript PlayGreeting()
    {
        _steps.Add(new Step(StepKind.Greeting, default, default, null));
        return this;
    }

    /// <summary>Ends the script by hanging up (otherwise the script waits for the service to hang up).</summary>
    public SippScript HangUp()
    {
        // A phone (UAS) leaves through AMI Hangup in the tests; only callers send BYE from the script.
        if (_uas)
        {
            throw new InvalidOperationException("A phone script cannot hang up itself; hang its channel up through AMI.");
        }

        _callerHangsUp = true;
        return this;
    }

    /// <summary>Places this patient's call from <paramref name="fromUser"/> to <paramref name="number"/> at Asterisk, its cues followed through AMI.</summary>
    public async Task<Sipp> CallAsync(string directory, string fromUser, string number)
    {
        var scenario = WriteTo(directory, fromUser);
        var conductor = Cues.Count > 0 ? await SippConductor.ForCallerAsync(Cues, fromUser) : null;
        return Sipp.Start(scenario, ["-s", number, "127.0.0.1:5060", "-m", "1"], Sipp.FreeUdpPort(), conductor);
    }

    /// <summary>
    /// Places <paramref name="calls"/> of this patient's calls from <paramref name="fromUser"/> to <paramref name="number"/>
    /// at <paramref name="address"/> (host:port, e.g. a proxy in front of several Asterisk servers), all begun
    /// within a second or two. A script without cues only: cues are followed through the single Asterisk's AMI.
    /// </summary>
    public Task<Sipp> CallAtAsync(string directory, string fromUser, string number, string address, int calls = 1)
    {
        if (Cues.Count > 0)
        {
            throw new InvalidOperationException("A caller with cues calls the single Asterisk (CallAsync).");
        }

        var scenario = WriteTo(directory, fromUser);
        var count = calls.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(Sipp.Start(scenario, ["-s", number, address, "-m", count, "-l", count, "-r", count], Sipp.FreeUdpPort(), conductor: null));
    }

    /// <summary>
    /// Places this patient's call from <paramref name="fromUser"/> to <paramref name="number"/> at one Asterisk server of
    /// several (<paramref name="address"/>, host:port), its cues followed through that server's AMI (<paramref name="ami"/>).
    /// </summary>
    public async Task<Sipp> CallAtAsync(string directory, string fromUser, string number, string address, AmiClientOptions ami)
    {
        var scenario = WriteTo(directory, fromUser);
        var conductor = Cues.Count > 0 ? await SippConductor.ForCallerAsync(Cues, fromUser, ami) : null;
        return Sipp.Start(scenario, ["-s", number, address, "-m", "1"], Sipp.FreeUdpPort(), conductor);
    }

    /// <summary>
    /// Starts this phone on <paramref name="port"/> (or a free one), taking <paramref name="calls"/> calls, its cues followed
    /// through AMI: the single Asterisk's, or <paramref name="ami"/> when the phone is rung by another server.
    /// </summary>
    public async Task<Sipp> AnswerAsync(int? port = null, int calls = 1, AmiClientOptions? ami = null)
    {
        var sipPort = port ?? Sipp.FreeUdpPort();
        var scenario = WriteTo(Path.GetTempPath(), "phone");
        var conductor = Cues.Count > 0 ? await SippConductor.ForPhoneAsync(Cues, sipPort, ami) : null;
        return Sipp.Start(scenario, ["-m", calls.ToString(CultureInfo.InvariantCulture)], sipPort, conductor);
    }

    /// <summary>Writes the scenario (<paramref name="name"/>.xml, a fresh name by default) and its pcap files into <paramref name="directory"/>; returns the scenario's path.</summary>
    public string WriteTo(string directory, string fromUser, string? name = null)
    {
        name ??= $"sipp-{Guid.NewGuid():N}";
        var media = new StringBuilder();
        var rtp = new RtpPcapWriter();
        var clock = TimeSpan.Zero;
        var files = 0;
        var cues = 0;
        foreach (var step in _steps)
        {
            switch (step.Kind)
            {
                case StepKind.Wait:
                    media.AppendLine(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{(int)step.Time.TotalMilliseconds}\"/>");
                    clock += step.Time;
                    break;
                case StepKind.Cue:
                    // SIPp tells the conductor it waits (and its Call-ID), then waits for the word.
                    media.AppendLine(CultureInfo.InvariantCulture, $"""
                          <sendCmd><![CDATA[
                        Call-ID: [call_id]
                        Ready: {++cues}
                          ]]></sendCmd>
                          <recvCmd/>
                        """);
                    break;
                default:
                    var pcap = Path.Combine(directory, $"{name}-{++files}.pcap");
                    File.WriteAllBytes(pcap, step.Kind switch
                    {
                        StepKind.Key => rtp.Key(step.Key, clock),
                        StepKind.Hello => rtp.Hello(clock, AnsweredSilence, step.Time),
                        StepKind.Greeting => rtp.Greeting(clock, AnsweredSilence),
                        _ => rtp.Speak(clock),
                    });
                    media.AppendLine(CultureInfo.InvariantCulture, $"  <nop><action><exec play_pcap_audio=\"{pcap}\"/></action></nop>");
                    break;
            }
        }

        _media = media.ToString();
        var path = Path.Combine(directory, name + ".xml");
        File.WriteAllText(path, _uas ? Uas() : Uac(fromUser));
        return path;
    }

    private string _media = string.Empty;

    private sealed record Step(StepKind Kind, char Key, TimeSpan Time, CallerCue? Cue);

    private const string Sdp = """
        v=0
        o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
        s=-
        c=IN IP[media_ip_type] [media_ip]
        t=0 0
        m=audio [media_port] RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv
        """;

    private string Uac(string fromUser) => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="patient">
          <send retrans="500"><![CDATA[
        {{Request("INVITE", 1, fromUser, toTag: false)}}
        Content-Type: application/sdp
        Content-Length: [len]

        {{Sdp}}

          ]]></send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="183" optional="true"/>
          <recv response="200" rtd="true"/>
          <send><![CDATA[
        {{Request("ACK", 1, fromUser, toTag: true)}}
        Content-Length: 0

          ]]></send>
        {{_media}}
        {{(_callerHangsUp ? UacBye(fromUser) : WaitForBye)}}
        </scenario>
        """;

    /// <summary>The start of a request from the patient; the To tag is known once the call is answered.</summary>
    private static string Request(string method, int cseq, string fromUser, bool toTag) => $"""
        {method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
        Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
        From: "Patient" <sip:{fromUser}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
        To: <sip:[service]@[remote_ip]:[remote_port]>{(toTag ? "[peer_tag_param]" : string.Empty)}
        Call-ID: [call_id]
        CSeq: {cseq} {method}
        Contact: sip:{fromUser}@[local_ip]:[local_port]
        Max-Forwards: 70
        """;

    private static string UacBye(string fromUser) => $$"""
          <send retrans="500"><![CDATA[
        {{Request("BYE", 2, fromUser, toTag: true)}}
        Content-Length: 0

          ]]></send>
          <recv response="200" crlf="true"/>
        """;

    private const string WaitForBye = """
          <recv request="BYE" timeout="240000"/>
          <send><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

          ]]></send>
        """;

    private const string Ringing = """
          <send><![CDATA[
        SIP/2.0 180 Ringing
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:[local_ip]:[local_port];transport=[transport]>
        Content-Length: 0

          ]]></send>
        """;

    private string Uas() => _busy ? Busy : _neverAnswers ? RingOnly : $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="phone">
          <recv request="INVITE" crlf="true"/>
        {{Ringing}}
          <send retrans="500"><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Contact: <sip:[local_ip]:[local_port];transport=[transport]>
        Content-Type: application/sdp
        Content-Length: [len]

        {{Sdp}}

          ]]></send>
          <recv request="ACK" rtd="true" crlf="true"/>
        {{_media}}
        {{WaitForBye}}
        </scenario>
        """;

    private const string Busy = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="busy phone">
          <recv request="INVITE" crlf="true"/>
          <send><![CDATA[
        SIP/2.0 486 Busy Here
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

          ]]></send>
          <recv request="ACK" optional="true" timeout="5000"/>
        </scenario>
        """;

    private static string RingOnly => $$"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="ringing phone">
          <recv request="INVITE" crlf="true">
            <action><ereg regexp="CSeq: *([0-9]+)" search_in="msg" assign_to="whole,seq"/></action>
          </recv>
          <Reference variables="whole"/>
        {{Ringing}}
          <recv request="CANCEL" timeout="120000"/>
          <send><![CDATA[
        SIP/2.0 200 OK
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        [last_CSeq:]
        Content-Length: 0

          ]]></send>
          <send><![CDATA[
        SIP/2.0 487 Request Terminated
        [last_Via:]
        [last_From:]
        [last_To:];tag=[pid]SIPpTag01[call_number]
        [last_Call-ID:]
        CSeq: [$seq] INVITE
        Content-Length: 0

          ]]></send>
          <recv request="ACK" optional="true" timeout="5000"/>
        </scenario>
        """;
}
