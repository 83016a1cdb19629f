using Ivr.Asterisk.Ami;

namespace Ivr.Testing;

/// <summary>
/// AMI events as Asterisk 22 writes them (the headers and order of tests/Ivr.Asterisk.Tests/Captures/
/// ami-originate.bin), read through the real <see cref="AmiMessageReader"/>: CRLF lines, a blank line ends each.
/// </summary>
public static class AmiEvents
{
    public static AmiMessage Newchannel(string uniqueId, string channel, string callerNumber = "<unknown>", string state = "Ring", string? linkedId = null, string exten = "15550100") =>
        Parse(Channel("Newchannel", uniqueId, channel, callerNumber, state, linkedId, exten));

    public static AmiMessage Newstate(string uniqueId, string channel, string state, string? linkedId = null) =>
        Parse(Channel("Newstate", uniqueId, channel, "<unknown>", state, linkedId, "s"));

    public static AmiMessage Hangup(string uniqueId, string channel, string? linkedId = null) =>
        Parse(Channel("Hangup", uniqueId, channel, "<unknown>", "Up", linkedId, "s") + "Cause: 16\r\nCause-txt: Normal Clearing\r\n");

    public static AmiMessage ConfbridgeJoin(string uniqueId, string channel, string room, string? linkedId = null) =>
        Parse($"Event: ConfbridgeJoin\r\nPrivilege: call,all\r\nTimestamp: 1795360560.100200\r\nConference: {room}\r\nBridgeUniqueid: 6b1f0c1e-9a7d-4c55-8f2b-1d2f3a4b5c6d\r\nBridgeType: base\r\nBridgeTechnology: softmix\r\nBridgeCreator: ConfBridge\r\nBridgeName: {room}\r\nBridgeNumChannels: 1\r\nBridgeVideoSourceMode: none\r\n"
            + ChannelHeaders(uniqueId, channel, "<unknown>", "Up", linkedId, "s") + "Admin: No\r\nMuted: No\r\n");

    public static AmiMessage FullyBooted() =>
        Parse("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 2916\r\nLastReload: 69\r\nStatus: Fully Booted\r\n");

    /// <summary>One item of a CoreShowChannels list (ActionID set, as the list's items carry it).</summary>
    public static AmiMessage CoreShowChannel(string uniqueId, string channel, string state, string application, string duration, string? linkedId = null, string callerNumber = "<unknown>") =>
        Parse("Event: CoreShowChannel\r\nActionID: 7\r\n" + ChannelHeaders(uniqueId, channel, callerNumber, state, linkedId, "s")
            + $"Application: {application}\r\nApplicationData: \r\nDuration: {duration}\r\nBridgeId: \r\n");

    /// <summary>A PJSIP outbound registration's change, as Asterisk 22 sent it when a carrier refused our password.</summary>
    public static AmiMessage Registry(string status, string username = "sip:ivr-service@127.0.0.1:15261", string domain = "sip:127.0.0.1:15261") =>
        Parse($"Event: Registry\r\nPrivilege: system,all\r\nTimestamp: 1796297139.718282\r\nChannelType: PJSIP\r\nUsername: {username}\r\nDomain: {domain}\r\nStatus: {status}\r\n");

    /// <summary>One item of a PJSIPShowRegistrationsOutbound list, headers as Asterisk 22 wrote them for our trunk template.</summary>
    public static AmiMessage OutboundRegistrationDetail(string name, string status) =>
        Parse($"Event: OutboundRegistrationDetail\r\nActionID: 2\r\nObjectType: registration\r\nObjectName: {name}\r\nMaxRetries: 100000\r\n"
            + "ClientUri: sip:ivr-service@127.0.0.1:15261\r\nSecurityNegotiation: no\r\nAuthRejectionPermanent: false\r\nServerUri: sip:127.0.0.1:15261\r\n"
            + "MaxRandomInitialDelay: 10\r\nSupportPath: false\r\nRetryInterval: 30\r\nContactHeaderParams: \r\nExpiration: 300\r\nTransport: transport-tls\r\n"
            + $"Line: true\r\nContactUser: ivr-service\r\nEndpoint: {name}\r\nUserAgent: \r\nForbiddenRetryInterval: 300\r\nOutboundAuth: {name}-auth\r\n"
            + $"OutboundProxy: \r\nFatalRetryInterval: 0\r\nSupportOutbound: no\r\nStatus: {status}\r\nNextReg: 0\r\n");

    /// <summary>The auth item the same list carries (with the password in clear, as Asterisk sends it).</summary>
    public static AmiMessage AuthDetail(string name, string password) =>
        Parse($"Event: AuthDetail\r\nActionID: 2\r\nObjectType: auth\r\nObjectName: {name}\r\nUsername: ivr-service\r\nAuthType: userpass\r\nPassword: {password}\r\n");

    private static string Channel(string name, string uniqueId, string channel, string callerNumber, string state, string? linkedId, string exten) =>
        $"Event: {name}\r\nPrivilege: call,all\r\nTimestamp: 1795360542.039523\r\n" + ChannelHeaders(uniqueId, channel, callerNumber, state, linkedId, exten);

    private static string ChannelHeaders(string uniqueId, string channel, string callerNumber, string state, string? linkedId, string exten) =>
        $"Channel: {channel}\r\nChannelState: {StateCode(state)}\r\nChannelStateDesc: {state}\r\nCallerIDNum: {callerNumber}\r\nCallerIDName: <unknown>\r\n"
        + "ConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\n"
        + $"Context: ivr-entry\r\nExten: {exten}\r\nPriority: 1\r\nUniqueid: {uniqueId}\r\nLinkedid: {linkedId ?? uniqueId}\r\n";

    private static int StateCode(string state) => state switch
    {
        "Down" => 0,
        "Ring" => 4,
        "Ringing" => 5,
        "Up" => 6,
        _ => 0,
    };

    private static AmiMessage Parse(string text)
    {
        var reader = new AmiMessageReader();
        reader.Feed("Asterisk Call Manager/11.0.0");
        AmiMessage? message = null;
        foreach (var line in (text + "\r\n").Split("\r\n")[..^1])
        {
            message = reader.Feed(line) ?? message;
        }

        return message ?? throw new InvalidOperationException("The text did not end an AMI message.");
    }
}
