using Ivr.Domain.Calls;
using Ivr.Domain.Desk;
using Ivr.Domain.Ehr;
using Ivr.Domain.Messages;
using Ivr.Domain.Practices;

namespace Ivr.Domain.Flow;

/// <summary>What every call's flow shares: stores, the practice directory, the dialer, the clock, the options, and who hears its progress.</summary>
public sealed record CallDependencies(
    ICallRecordStore CallRecords,
    IMessageStore Messages,
    IPracticeDirectory Practices,
    IPhysicianDialer Dialer,
    TimeProvider Time,
    CallFlowOptions Options)
{
    /// <summary>The operator desk; default: none, so live-person requests go to the doctor.</summary>
    public IOperatorDesk Desk { get; init; } = NoOperatorDesk.Instance;

    /// <summary>The desk's timings the caller's side uses (announcements, the emergency reminder).</summary>
    public DeskOptions DeskOptions { get; init; } = new();

    /// <summary>Which rendered prompts (a practice's typed words) have their audio; default: none, so the flow says the fixed prompt instead.</summary>
    public IRenderedPrompts RenderedPrompts { get; init; } = NoRenderedPrompts.Instance;

    /// <summary>Hears each call's state as it changes (the live view). Default: nobody.</summary>
    public ICallProgress Progress { get; init; } = NoCallProgress.Instance;

    /// <summary>The practices' EHR links, where a caller's appointment is booked at <see cref="EhrLevel.Book"/>. Default: no link.</summary>
    public IEhrLink Ehr { get; init; } = NoEhrLink.Instance;
}
