using System.Globalization;
using System.Text;
using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Reports;

public enum ReportKind
{
    /// <summary>The quarterly (or any period's) report: workbook or multi-page PDF.</summary>
    Report,
    /// <summary>The leaders' one-page-per-level scorecard PDF.</summary>
    Scorecard,
    /// <summary>The one-page brief of the city or of one unit.</summary>
    Brief,
}

/// <summary>A download name: the Vietnamese one (RFC 5987 <c>filename*</c>) and its ASCII fallback (<c>filename</c>).</summary>
public sealed record ReportFileName(string Vietnamese, string Ascii)
{
    /// <summary>"Báo cáo quý IV-2022.xlsx" / "Bao-cao-quy-IV-2022.xlsx"; a scope label (unit or level) is appended.</summary>
    public static ReportFileName For(ReportKind kind, Period period, string extension, string? scopeLabel = null)
    {
        var stem = ReportText.Vietnamese("FileName" + (kind is ReportKind.Scorecard or ReportKind.Brief ? kind : ReportKind.Report), PeriodWords(period));
        if (!string.IsNullOrWhiteSpace(scopeLabel)) stem += " - " + scopeLabel.Trim();
        var vietnamese = SafeName(stem) + "." + extension.TrimStart('.');
        return new(vietnamese, ToAscii(vietnamese));
    }

    /// <summary>The header value: <c>attachment; filename="Bao-cao…"; filename*=UTF-8''B%C3%A1o…</c>.</summary>
    public string ContentDisposition => $"attachment; filename=\"{Ascii}\"; filename*=UTF-8''{Rfc5987(Vietnamese)}";

    private static string PeriodWords(Period period) => period.Kind switch
    {
        PeriodKind.Month => ReportText.Vietnamese("FilePeriodMonth", period.Number, period.Year),
        PeriodKind.Quarter => ReportText.Vietnamese("FilePeriodQuarter", new[] { "I", "II", "III", "IV" }[period.Number - 1], period.Year),
        PeriodKind.YearToDate => ReportText.Vietnamese("FilePeriodYearToDate", period.Number, period.Year),
        _ => ReportText.Vietnamese("FilePeriodYear", period.Year),
    };

    // Characters a file system or a header does not take become a space.
    private static string SafeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
            builder.Append(char.IsControl(c) || "\\/:*?\"<>|;".Contains(c) ? ' ' : c);
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Diacritics removed (đ → d), spaces to hyphens, anything else outside [A-Za-z0-9._-] dropped.</summary>
    public static string ToAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var mapped = c switch { 'đ' => 'd', 'Đ' => 'D', ' ' => '-', _ => c };
            if (char.IsAsciiLetterOrDigit(mapped) || mapped is '.' or '-' or '_') builder.Append(mapped);
        }
        var ascii = builder.ToString();
        while (ascii.Contains("--", StringComparison.Ordinal)) ascii = ascii.Replace("--", "-", StringComparison.Ordinal);
        return ascii.Trim('-');
    }

    // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded from UTF-8.
    private static string Rfc5987(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c)) builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}

public static class ReportFiles
{
    /// <summary>
    /// Writes through <paramref name="write"/> to a temp file beside <paramref name="path"/>, then moves it into place,
    /// so a reader (or a scheduled job) never sees a half-written file; on failure the temp file is removed.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Same folder, so the final move is a rename on one file system.
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream);
                ct.ThrowIfCancellationRequested();
                await stream.FlushAsync(ct);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
