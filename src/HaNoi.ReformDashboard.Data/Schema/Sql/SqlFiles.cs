using System.Reflection;

namespace HaNoi.ReformDashboard.Data.Schema.Sql;

/// <summary>
/// The text of a SQL object kept in its own file under Schema/Sql (embedded), so the current definition of a function,
/// view or trigger is found in one place; the migration that introduces or changes it runs the file (Schema/Sql/README.md).
/// </summary>
public static class SqlFiles
{
    private static readonly string Prefix = typeof(SqlFiles).Namespace + ".";

    /// <summary>Every embedded file: the current <c>name.sql</c> of each object and the frozen <c>name.vN.sql</c> texts.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(SqlFiles).Assembly.GetManifestResourceNames()
        .Where(r => r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
        .Select(r => r[Prefix.Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>A frozen earlier text (<c>name.vN.sql</c>), read only by the migrations that made or restore it.</summary>
    public static bool IsEarlierVersion(string name) => System.Text.RegularExpressions.Regex.IsMatch(name, @"\.v\d+\.sql$");

    public static string Read(string name)
    {
        var resource = Prefix + name;
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL file {name} is not embedded ({resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
