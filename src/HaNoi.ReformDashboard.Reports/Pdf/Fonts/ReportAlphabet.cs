namespace HaNoi.ReformDashboard.Reports.Pdf.Fonts;

/// <summary>
/// The letters and signs the reports are written in: Latin with every Vietnamese letter, punctuation, the
/// comparison and status signs. The embedded fonts hold these glyphs only (about a tenth of DejaVu Sans).
/// </summary>
internal static class ReportAlphabet
{
    public static IReadOnlyList<(int First, int Last)> Ranges { get; } =
    [
        (0x0020, 0x007E), // ASCII
        (0x00A0, 0x00FF), // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý, « » ° ± ×
        (0x0100, 0x017F), // Latin Extended-A: ă Ă đ Đ ĩ ũ
        (0x01A0, 0x01A1), // Ơ ơ
        (0x01AF, 0x01B0), // Ư ư
        (0x0300, 0x0323), // combining tone marks, for text that arrives decomposed
        (0x1EA0, 0x1EF9), // Latin Extended Additional: ạ ả ấ … ỹ
        (0x2000, 0x206F), // general punctuation: – — ‘ ’ “ ” • … ‰
        (0x20AB, 0x20AC), // ₫ €
        (0x2116, 0x2116), // №
        (0x2190, 0x2199), // arrows ← ↑ → ↓
        (0x2212, 0x2212), // minus sign
        (0x2248, 0x2248), // ≈
        (0x2260, 0x2265), // ≠ ≤ ≥
        (0x25A0, 0x25CF), // ■ □ ▲ ▼ ○ ●
        (0x2713, 0x2718), // ✓ ✗
    ];
}
