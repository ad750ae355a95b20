using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Data.Files;
using HaNoi.ReformDashboard.Data.Seed;

namespace HaNoi.ReformDashboard.Cli.SeedGeneration;

/// <summary>
/// Writes <c>measurements-YYYY.csv</c> (seed-data/README.md): RFC 4180, LF line ends, invariant dot decimals, integer counts,
/// UTF-8 without a BOM like the other <c>seed-data/</c> files (the content is ASCII: codes and numbers).
/// </summary>
public static class MeasurementCsv
{
    public const string Header = "unit_code,indicator_code,period,numerator,denominator,value";

    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"measurements-{year:D4}.csv");

    public static string Format(IEnumerable<GeneratedMeasurement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        StringBuilder text = new();
        text.Append(Header).Append('\n');
        foreach (GeneratedMeasurement row in rows)
        {
            text.Append(CsvText.Escape(row.UnitCode)).Append(',')
                .Append(CsvText.Escape(row.IndicatorCode)).Append(',')
                .Append(row.Period).Append(',')
                .Append(row.Numerator?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Denominator?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Value?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    public static byte[] ToBytes(IEnumerable<GeneratedMeasurement> rows) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Format(rows));
}
