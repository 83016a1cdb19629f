using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Ivr.Asterisk.Agi;

namespace Ivr.Telephony.Tests.Support;

/// <summary>
/// Asterisk's side of one FastAGI session, in memory: every command the service sends is kept, and
/// answered with the reply line <c>answer</c> gives for it (by default <c>200 result=0</c>).
/// </summary>
public sealed class ScriptedAgi : IAsyncDisposable
{
    private readonly Pipe _toAsterisk = new();
    private readonly Pipe _toService = new();
    private readonly Task _answering;

    /// <summary>The channel every scripted session is on (<c>agi_channel</c>).</summary>
    public const string ChannelName = "PJSIP/dr-lee-00000001";

    public ScriptedAgi(string script, Func<string, string?> answer, string uniqueId = "1700000000.77", string? callerId = null)
    {
        var fields = new Dictionary<string, string> { ["network_script"] = script, ["uniqueid"] = uniqueId, ["channel"] = ChannelName };
        if (callerId is not null)
        {
            fields["callerid"] = callerId;
        }

        var request = new AgiRequest(fields);
        Channel = new AgiChannel(request, _toAsterisk.Writer.AsStream(), _toService.Reader);
        _answering = Task.Run(() => AnswerAsync(answer));
    }

    public AgiChannel Channel { get; }

    /// <summary>Every command, in the order the service sent it.</summary>
    public List<string> Commands { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
        await _toAsterisk.Writer.CompleteAsync();
        await _answering;
    }

    private async Task AnswerAsync(Func<string, string?> answer)
    {
        var reader = _toAsterisk.Reader;
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = Encoding.UTF8.GetString(buffer.Slice(0, end));
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                lock (Commands)
                {
                    Commands.Add(line);
                }

                await _toService.Writer.WriteAsync(Encoding.UTF8.GetBytes((answer(line) ?? "200 result=0") + "\n"));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                await _toService.Writer.CompleteAsync();
                return;
            }
        }
    }
}
