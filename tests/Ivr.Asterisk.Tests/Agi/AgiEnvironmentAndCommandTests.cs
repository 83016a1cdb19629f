using Ivr.Asterisk.Agi;

namespace Ivr.Asterisk.Tests.Agi;

/// <summary>Needs nothing: the agi_* environment and how commands are written.</summary>
public sealed class AgiEnvironmentAndCommandTests
{
    [Fact]
    public void EnvironmentGivesRouteQueryCallerAndOrderedArguments()
    {
        var reader = new AgiEnvironmentReader();
        string[] lines =
        [
            "agi_network: yes", "agi_network_script: inbound?did=%2B15551234&x=1", "agi_request: agi://127.0.0.1:4573/inbound?did=%2B15551234&x=1",
            "agi_channel: PJSIP/sipp-00000001", "agi_language: en", "agi_type: PJSIP", "agi_uniqueid: 1732280000.1", "agi_version: 22.10.1",
            "agi_callerid: 5551234", "agi_calleridname: unknown", "agi_dnid: 100", "agi_rdnis: unknown", "agi_context: ivr-inbound",
            "agi_extension: 100", "agi_priority: 3", "agi_enhanced: 0.0", "agi_accountcode: ", "agi_threadid: 139",
            "agi_arg_2: second", "agi_arg_10: tenth", "agi_arg_1: first", string.Empty,
        ];
        Assert.All(lines[..^1], line => Assert.False(reader.Feed(line)));
        Assert.True(reader.Feed(lines[^1]));
        var request = reader.ToRequest();
        Assert.Equal("inbound", request.Script);
        Assert.Equal("+15551234", request.Query["did"]);
        Assert.Equal("1", request.Query["x"]);
        Assert.Equal("5551234", request.CallerIdNumber);
        Assert.Null(request.CallerIdName);
        Assert.Equal(string.Empty, request.Get("accountcode"));
        Assert.Equal(["first", "second", "tenth"], request.Arguments);
        Assert.Equal("1732280000.1", request.UniqueId);
    }

    [Fact]
    public void LineThatIsNotAnAgiVariableIsRefused() =>
        Assert.Throws<AgiProtocolException>(() => new AgiEnvironmentReader().Feed("200 result=1"));

    [Fact]
    public void EmptyEnvironmentIsRefused() =>
        Assert.Throws<AgiProtocolException>(() => new AgiEnvironmentReader().Feed(string.Empty));

    [Fact]
    public void TooManyVariablesAreRefused()
    {
        var reader = new AgiEnvironmentReader(maxLines: 3);
        reader.Feed("agi_a: 1");
        reader.Feed("agi_b: 1");
        reader.Feed("agi_c: 1");
        Assert.Throws<AgiProtocolException>(() => reader.Feed("agi_d: 1"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    public void ArgumentsAreQuotedAsAsteriskParsesThem(string argument, string written) =>
        Assert.Equal(written, AgiCommand.Quote(argument));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0")]
    public void FramingCharactersAreRefusedNotSent(string argument) =>
        Assert.Throws<ArgumentException>(() => AgiCommand.Quote(argument));

    [Fact]
    public void CommandsHaveAsterisk22Syntax()
    {
        Assert.Equal("ANSWER", AgiCommands.Answer().Line);
        Assert.Equal("STREAM FILE ivr/main-menu \"\"", AgiCommands.StreamFile("ivr/main-menu", "").Line);
        Assert.Equal("GET DATA ivr/callback-enter 10000 15", AgiCommands.GetData("ivr/callback-enter", TimeSpan.FromSeconds(10), 15).Line);
        Assert.Equal("WAIT FOR DIGIT 6000", AgiCommands.WaitForDigit(TimeSpan.FromSeconds(6)).Line);
        Assert.Equal("SAY DIGITS 5551234567 \"\"", AgiCommands.SayDigits("5551234567", "").Line);
        Assert.Equal("RECORD FILE /tmp/x wav # 180000 0 BEEP s=3", AgiCommands.RecordFile("/tmp/x", "wav", "#", TimeSpan.FromMinutes(3), true, 3).Line);
        Assert.Equal("RECORD FILE /tmp/x wav # 10000 0", AgiCommands.RecordFile("/tmp/x", "wav", "#", TimeSpan.FromSeconds(10), false, null).Line);
        Assert.Equal("SET VARIABLE IVR_COMPLETED 1", AgiCommands.SetVariable("IVR_COMPLETED", "1").Line);
        Assert.Equal("EXEC ConfBridge ivr-1.2,ivr_bridge,ivr_caller", AgiCommands.Exec("ConfBridge", "ivr-1.2,ivr_bridge,ivr_caller").Line);
        Assert.Equal("GET FULL VARIABLE ${CALLERID(num)}", AgiCommands.GetFullVariable("${CALLERID(num)}").Line);
    }

    [Fact]
    public void OnlyCleanupCommandsAreMarkedDeadCapable()
    {
        Assert.True(AgiCommands.SetVariable("a", "b").DeadCapable);
        Assert.True(AgiCommands.GetVariable("a").DeadCapable);
        Assert.True(AgiCommands.Exec("NoOp", "").DeadCapable);
        Assert.True(AgiCommands.Verbose("x", 1).DeadCapable);
        Assert.False(AgiCommands.StreamFile("x", "").DeadCapable);
        Assert.False(AgiCommands.GetData("x", TimeSpan.FromSeconds(1), 1).DeadCapable);
        Assert.False(AgiCommands.Answer().DeadCapable);
    }

    [Fact]
    public void SayDigitsRefusesAnythingButDigits() =>
        Assert.Throws<ArgumentException>(() => AgiCommands.SayDigits("555-1234", ""));

    [Fact]
    public void OverlongCommandIsRefused() =>
        Assert.Throws<ArgumentException>(() => AgiCommands.Verbose(new string('x', 9000), 1));
}
