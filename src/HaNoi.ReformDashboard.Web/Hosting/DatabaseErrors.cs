using System.Net.Sockets;
using Npgsql;

namespace HaNoi.ReformDashboard.Web.Hosting;

public static class DatabaseErrors
{
    /// <summary>True for failures that mean "the server is away", which a page shows as a retryable message.</summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true, // admin shutdown, crash shutdown, cannot connect now
        SocketException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ when ex.InnerException is { } inner => IsUnavailable(inner),
        _ => false,
    };
}
