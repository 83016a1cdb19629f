namespace Ivr.Server.EndToEndTests.Support;

/// <summary>Tests against the one real Asterisk run one at a time: they share its ports and channels.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealAsteriskCollection
{
    public const string Name = "Real Asterisk";
}
