namespace Ivr.Data;

/// <summary>Where the operators' softphone endpoints are written for Asterisk (section <c>Phones</c>).</summary>
public sealed class PhoneEndpointOptions
{
    /// <summary>
    /// The SQLite file Asterisk's <c>res_config_sqlite3</c> reads the endpoints from, as this process
    /// reaches it (under the chroot's root when Asterisk runs in one: <c>scripts/asterisk env</c> prints
    /// it). Default <c>asterisk/phones.db</c> in the data folder, which an Asterisk set up by
    /// <c>scripts/asterisk</c> does not read.
    /// </summary>
    public string Database { get; set; } = "data/asterisk/phones.db";

    /// <summary>The dialplan context calls made from an operator's phone land in. Default <c>ivr-operator-phone</c> (it hangs up).</summary>
    public string Context { get; set; } = "ivr-operator-phone";

    /// <summary>
    /// The address Asterisk takes a softphone's audio on, and so the one ICE candidate it offers the
    /// browser. Default <c>127.0.0.1</c>, like everything else here (a browser on this machine needs
    /// Chromium's <c>--allow-loopback-in-peer-connection</c> to use it). In production the address
    /// the operators' browsers reach Asterisk at, or empty for every address of the machine.
    /// </summary>
    public string MediaAddress { get; set; } = "127.0.0.1";

    /// <summary>Codecs offered to softphones, in order. Default <c>opus,ulaw</c>: Opus bears a home connection's losses.</summary>
    public string Codecs { get; set; } = "opus,ulaw";
}
