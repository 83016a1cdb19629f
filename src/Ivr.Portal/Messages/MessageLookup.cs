using Ivr.Domain.Messages;

namespace Ivr.Portal.Messages;

/// <summary>A message a user asked for, when they may have it.</summary>
public sealed record MessageLookup(LookupStatus Status, PatientMessage? Message = null);
