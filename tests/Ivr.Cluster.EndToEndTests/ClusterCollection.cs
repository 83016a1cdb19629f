using Ivr.Cluster.EndToEndTests.Support;

namespace Ivr.Cluster.EndToEndTests;

/// <summary>The tests against the cluster run one at a time: they kill its parts and count its calls.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
