using Ivr.Domain.Audit;
using Ivr.Domain.Dispatch;
using Ivr.Domain.Messages;

namespace Ivr.Domain.Flow;

/// <summary>What every voice page shares: the dispatch and message stores, the audit log, the clock and the options.</summary>
public sealed record PageDependencies(IDispatchStore Dispatch, IMessageStore Messages, IAuditLog Audit, TimeProvider Time, CallFlowOptions Options);
