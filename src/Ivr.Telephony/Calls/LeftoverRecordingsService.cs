using Microsoft.Extensions.Hosting;

namespace Ivr.Telephony.Calls;

/// <summary>
/// At start, seals the recordings a killed service left plain. It waits <see cref="Settled"/> first, so a
/// recording that was still being written when this process started is finished before it is sealed.
/// </summary>
public sealed class LeftoverRecordingsService(RecordingSealer sealer, TimeProvider time) : BackgroundService
{
    /// <summary>Asterisk writes a recording continuously: one untouched this long, from before the start, is done.</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        try
        {
            await Task.Delay(Settled, time, stoppingToken);
            await sealer.SealLeftoversAsync(started, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
