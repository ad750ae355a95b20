namespace HaNoi.ReformDashboard.Data.Files;

/// <summary>Writing side of RFC 4180, shared by every CSV the product writes.</summary>
public static class CsvText
{
    /// <summary>Quotes a field only when it holds a comma, a quote, CR or LF.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
