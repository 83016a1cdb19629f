namespace Ivr.Portal.Desk;

/// <summary>The answer of <see cref="SoftphoneAccess"/>: the credentials when <see cref="Status"/> is Found.</summary>
public sealed record SoftphoneLookup(LookupStatus Status, SoftphoneJson? Credentials = null);
