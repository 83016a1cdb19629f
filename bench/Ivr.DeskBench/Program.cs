using System.Diagnostics;
using System.Globalization;
using Ivr.DeskBench;

// Usage: ivr-desk-bench PORTAL_URL PASSWORD HANDLE_SECONDS SERVICE_PID ASTERISK_PID OPERATOR... -- CALLERS_COMMAND...
// The operators (accounts made with `ivr operator add`, their phones SIPp) sign in to the portal, make
// themselves available, and work the desk through its JSON API and event stream: each call they answer
// is released HANDLE_SECONDS later and they are available again. Meanwhile CALLERS_COMMAND (SIPp patients
// who press 2 for someone now) runs to its end. Then the run's measurements are printed as Markdown.
var split = Array.IndexOf(args, "--");
if (split < 6 || split == args.Length - 1)
{
    Console.Error.WriteLine("usage: ivr-desk-bench PORTAL_URL PASSWORD HANDLE_SECONDS SERVICE_PID ASTERISK_PID OPERATOR... -- CALLERS_COMMAND...");
    return 2;
}

var portal = new Uri(args[0]);
var password = args[1];
var handle = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
var servicePid = int.Parse(args[3], CultureInfo.InvariantCulture);
var asteriskPid = int.Parse(args[4], CultureInfo.InvariantCulture);
var operators = args[5..split];
var callers = args[(split + 1)..];

await using var timeline = await AmiTimeline.StartAsync();
using var stop = new CancellationTokenSource();
var cards = new CardLog();
var bots = new List<OperatorBot>();
foreach (var name in operators)
{
    bots.Add(await OperatorBot.SignInAsync(portal, name, password, handle, cards, stop.Token));
}

var before = (Service: Cpu.Ticks(servicePid), Asterisk: Cpu.Ticks(asteriskPid));
var started = DateTimeOffset.UtcNow;
using (var sipp = Process.Start(new ProcessStartInfo(callers[0], callers[1..]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
{
    // SIPp's own output goes to its files; reading it keeps its pipes from filling.
    var output = sipp.StandardOutput.ReadToEndAsync();
    var errors = sipp.StandardError.ReadToEndAsync();
    await sipp.WaitForExitAsync();
    await Task.WhenAll(output, errors);
}

// The last callers are still with an operator for up to a handle time: wait until every bot is idle again.
var drainUntil = DateTimeOffset.UtcNow + handle + TimeSpan.FromSeconds(30);
while (bots.Any(b => b.Busy) && DateTimeOffset.UtcNow < drainUntil)
{
    await Task.Delay(TimeSpan.FromMilliseconds(200));
}

var after = (Service: Cpu.Ticks(servicePid), Asterisk: Cpu.Ticks(asteriskPid));
var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
await stop.CancelAsync();
foreach (var bot in bots)
{
    await bot.DisposeAsync();
}

var report = DeskRun.Measure(timeline.Events(), cards, TimeSpan.FromSeconds(20));
report.Print(Console.Out, seconds, Cpu.Seconds(after.Service - before.Service), Cpu.Seconds(after.Asterisk - before.Asterisk), bots);
return 0;
