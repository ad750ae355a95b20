using System.Reflection;

namespace HaNoi.ReformDashboard.Data.Schema.Sql;

/// <summary>
/// The text of a SQL object kept in its own file under Schema/Sql (embedded), so the current definition of a function
/// is found in one place; the migration that introduces or changes it runs the file.
/// </summary>
public static class SqlFiles
{
    public static string Read(string name)
    {
        var resource = $"{typeof(SqlFiles).Namespace}.{name}";
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL file {name} is not embedded ({resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
