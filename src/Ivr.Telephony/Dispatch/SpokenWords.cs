using Ivr.Domain.Flow;

namespace Ivr.Telephony.Dispatch;

/// <summary>Spoken words for one page (<see cref="IPageSpeech"/>), played from the sealed playback folder and deleted on dispose.</summary>
internal sealed class SpokenWords(PlaybackLease lease) : IPageSpeech
{
    public string AsteriskName => lease.AsteriskName;

    public void Dispose() => lease.Dispose();
}
