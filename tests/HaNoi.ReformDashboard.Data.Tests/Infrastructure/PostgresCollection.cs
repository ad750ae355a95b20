using HaNoi.ReformDashboard.Testing;

namespace HaNoi.ReformDashboard.Data.Tests.Infrastructure;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
