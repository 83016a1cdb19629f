namespace Ivr.Domain.Flow;

/// <summary>
/// Words of a typed message made into audio for one voice page (<see cref="IPageChannel.RenderSpeechAsync"/>). It is
/// patient data: it lives only until it is disposed, which deletes it.
/// </summary>
public interface IPageSpeech : IDisposable;
