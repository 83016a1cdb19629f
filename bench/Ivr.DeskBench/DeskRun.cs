using System.Globalization;

namespace Ivr.DeskBench;

/// <summary>
/// What the run measured, per patient who pressed 2 and reached the queue (the desk's call id is the patient channel's uniqueid;
/// the desk rings operator lines <c>desk-{uniqueid}-op{n}</c>): from the key to the first operator line
/// ringing, to the card on a desk page,
/// and from the key to an operator answering (the service level's wait); and from the caller joining the
/// queue to the card (the join time is the card's own).
/// </summary>
public sealed record DeskRun(
    int Callers,
    int Answered,
    IReadOnlyList<TimeSpan> KeyToRing,
    IReadOnlyList<TimeSpan> KeyToCard,
    IReadOnlyList<TimeSpan> QueuedToCard,
    int CardBeforeRing,
    int WithBoth,
    IReadOnlyList<TimeSpan> Waits,
    IReadOnlyList<TimeSpan> Abandoned,
    TimeSpan Target)
{
    public static DeskRun Measure(IReadOnlyList<ChannelEvent> events, CardLog cards, TimeSpan target)
    {
        var lines = events.Where(e => e.UniqueId.StartsWith("desk-", StringComparison.Ordinal))
            .GroupBy(e => CallOf(e.UniqueId))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var keys = events.Where(e => e.Name.StartsWith("AGIExec", StringComparison.Ordinal) && !e.UniqueId.StartsWith("desk-", StringComparison.Ordinal))
            .GroupBy(e => e.UniqueId)
            .Select(g => (CallId: g.Key, Pressed: Pressed(g.ToList())))
            .Where(k => k.Pressed is not null)
            .ToDictionary(k => k.CallId, k => k.Pressed!.Value, StringComparer.Ordinal);
        var keyToRing = new List<TimeSpan>();
        var keyToCard = new List<TimeSpan>();
        var waits = new List<TimeSpan>();
        var abandoned = new List<TimeSpan>();
        var hangups = events.Where(e => e.Name == "Hangup").GroupBy(e => e.UniqueId).ToDictionary(g => g.Key, g => g.First().At, StringComparer.Ordinal);
        var cardFirst = 0;
        var both = 0;
        foreach (var (callId, pressed) in keys)
        {
            var line = lines.GetValueOrDefault(callId) ?? [];
            var ringing = line.FirstOrDefault(e => e is { Name: "Newstate", State: "Ringing" })?.At;
            var answered = line.FirstOrDefault(e => e is { Name: "Newstate", State: "Up" })?.At;
            var card = cards.Of(callId);
            if (ringing is { } ring)
            {
                keyToRing.Add(ring - pressed);
            }

            if (card is { } shown)
            {
                keyToCard.Add(shown - pressed);
            }

            if (ringing is { } r && card is { } c)
            {
                both++;
                cardFirst += c <= r ? 1 : 0;
            }

            if (answered is { } up)
            {
                waits.Add(up - pressed);
            }
            else if (hangups.TryGetValue(callId, out var gone))
            {
                abandoned.Add(gone - pressed);
            }
        }

        return new DeskRun(keys.Count, waits.Count, keyToRing, keyToCard, cards.QueuedToCard(), cardFirst, both, waits, abandoned, target);
    }

    /// <summary>
    /// When the patient pressed 2: the end of the AGI command that took the key (the main menu's prompt, or
    /// the wait after it), the last such to end before the service began the hold prompt; null for a patient
    /// who never reached the queue.
    /// </summary>
    private static DateTimeOffset? Pressed(IReadOnlyList<ChannelEvent> agi)
    {
        var hold = agi.ToList().FindIndex(e => e.Name == "AGIExecStart" && e.Command?.Contains("ivr/desk-hold", StringComparison.Ordinal) == true);
        return hold < 0 ? null : agi.Take(hold).LastOrDefault(e => e.Name == "AGIExecEnd" && TakesKeys(e.Command))?.At;
    }

    private static bool TakesKeys(string? command) =>
        command is not null && (command.StartsWith("STREAM FILE ivr/main-menu", StringComparison.OrdinalIgnoreCase)
            || command.StartsWith("WAIT FOR DIGIT", StringComparison.OrdinalIgnoreCase) || command.StartsWith("GET DATA", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>desk-1795360542.17-op2</c> is a line of call <c>1795360542.17</c>.</summary>
    private static string CallOf(string lineId)
    {
        var call = lineId["desk-".Length..];
        var op = call.LastIndexOf("-op", StringComparison.Ordinal);
        return op < 0 ? call : call[..op];
    }

    public void Print(TextWriter output, double seconds, double serviceCpu, double asteriskCpu, IReadOnlyList<OperatorBot> bots)
    {
        var within = Waits.Count(w => w <= Target);
        var abandonedWithin = Abandoned.Count(w => w <= Target);
        output.WriteLine("| measure | p50 (ms) | p99 (ms) | max (ms) | calls |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        Row(output, "patient presses 2 → operator's phone ringing", KeyToRing);
        Row(output, "patient presses 2 → card on the desk page", KeyToCard);
        Row(output, "patient joins the queue → card on the desk page", QueuedToCard);
        Row(output, "patient presses 2 → operator answers (the wait)", Waits);
        output.WriteLine();
        output.WriteLine(Invariant($"- Patients who pressed 2: {Callers}; answered by an operator: {Answered}; abandoned (hung up before an operator answered): {Abandoned.Count}; neither by the end of the run: {Callers - Answered - Abandoned.Count}."));
        output.WriteLine(Invariant($"- The card was on the page before the phone rang for {CardBeforeRing} of {WithBoth} calls ({Share(CardBeforeRing, WithBoth)})."));
        output.WriteLine(Invariant($"- SL (answered within {Target.TotalSeconds:0} s / answered): {Share(within, Answered)}; SL2 ((answered + abandoned) within {Target.TotalSeconds:0} s / (answered + abandoned)): {Share(within + abandonedWithin, Answered + Abandoned.Count)}."));
        output.WriteLine(Invariant($"- CPU per desk call: service {serviceCpu / Math.Max(Answered, 1) * 1000:0.0} ms, Asterisk {asteriskCpu / Math.Max(Answered, 1) * 1000:0.0} ms ({serviceCpu:0.0} s and {asteriskCpu:0.0} s over {seconds:0} s, the patients' greeting and menu included)."));
        output.WriteLine(Invariant($"- Operators: {bots.Count}; calls released {bots.Sum(b => b.Released)}; pauses for a call not answered in time {bots.Sum(b => b.Pauses)}."));
    }

    private static void Row(TextWriter output, string what, IReadOnlyList<TimeSpan> spans)
    {
        if (spans.Count == 0)
        {
            output.WriteLine($"| {what} | - | - | - | 0 |");
            return;
        }

        var sorted = spans.Select(s => s.TotalMilliseconds).Order().ToList();
        output.WriteLine(Invariant($"| {what} | {Rank(sorted, 0.50):0} | {Rank(sorted, 0.99):0} | {sorted[^1]:0} | {sorted.Count} |"));
    }

    /// <summary>The nearest-rank percentile.</summary>
    private static double Rank(IReadOnlyList<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Share(int part, int whole) => whole == 0 ? "none" : Invariant($"{100.0 * part / whole:0.0} %");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
