using System.Reflection;
using Xunit.Sdk;

namespace Ivr.Data.Tests;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL (its <see cref="DataProvider"/> parameter): every store keeps
/// the same promises on both. The PostgreSQL case fails, never skips, when the test cluster is not there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[DataProvider.Sqlite], [DataProvider.Postgres]];
}
