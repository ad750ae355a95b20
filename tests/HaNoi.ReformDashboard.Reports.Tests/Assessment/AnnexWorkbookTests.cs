using ClosedXML.Excel;
using HaNoi.ReformDashboard.Data.Assessment;
using HaNoi.ReformDashboard.Data.Catalogue;
using HaNoi.ReformDashboard.Domain.Catalogue;
using HaNoi.ReformDashboard.Domain.Presentation;
using HaNoi.ReformDashboard.Reports.Assessment;

namespace HaNoi.ReformDashboard.Reports.Tests.Assessment;

/// <summary>The annex read back from its xlsx: heading, header and one row per unit in rank order, numbers as numbers.</summary>
public sealed class AnnexWorkbookTests
{
    private static AssessedUnit Unit(string code) => new(code.GetHashCode(), new UnitInfo(code, "Sở " + code, "Department " + code, UnitLevel.Department, null) { Key = code });

    // The worked example of docs/assessment.md: SNV and STP tie at 80 %, STC has no survey score (3 of 6: 50 %).
    private static readonly BlockRanking Ranking = new(2023, UnitLevel.Department, RankingSource.Appraisal,
    [
        new(Unit("SNV"), 5m, 3m, 8m, 10m, 80m, 1, 75.5m, 2),
        new(Unit("STP"), 4m, 4m, 8m, 10m, 80m, 1, null, null),
        new(Unit("STC"), 3m, null, 3m, 6m, 50m, 3, null, null),
    ]);

    private static XLWorkbook Write(string language)
    {
        var output = new MemoryStream();
        AnnexWorkbook.Write(Ranking, new ReportParameters("office@hanoi", new DateTimeOffset(2024, 3, 20, 2, 30, 0, TimeSpan.Zero))
        { Language = ReportParameters.LanguageFrom(language) ?? FigureFormat.Vietnamese }, output);
        output.Position = 0;
        return new XLWorkbook(output);
    }

    [Fact]
    public void The_annex_has_the_administrative_heading_and_one_row_per_unit_with_ties_sharing_a_rank()
    {
        using var workbook = Write("vi");
        var ws = workbook.Worksheet(1);
        ws.Name.Should().Be("Phụ lục");
        ws.Cell(1, 1).GetString().Should().Be("UBND THÀNH PHỐ HÀ NỘI");
        ws.Cell(1, 4).GetString().Should().Be("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        ws.Cell(2, 4).GetString().Should().Be("Độc lập - Tự do - Hạnh phúc");
        ws.Cell(3, 4).GetString().Should().Be("Hà Nội, ngày 20 tháng 03 năm 2024", "09:30 in Hanoi");
        ws.Cell(4, 1).GetString().Should().Be("KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH");
        Enumerable.Range(1, 7).Select(c => ws.Cell(AnnexWorkbook.HeaderRow, c).GetString()).Should().Equal(
            "STT", "Đơn vị", "Điểm thẩm định", "Điểm điều tra XHH", "Tổng điểm", "Chỉ số (%)", "Xếp hạng");

        var rows = Enumerable.Range(AnnexWorkbook.HeaderRow + 1, 3).Select(r => (
            ws.Cell(r, 1).GetValue<int>(), ws.Cell(r, 2).GetString(), ws.Cell(r, 3).GetValue<double>(),
            ws.Cell(r, 4).IsEmpty() ? (double?)null : ws.Cell(r, 4).GetValue<double>(), ws.Cell(r, 5).GetValue<double>(), ws.Cell(r, 6).GetValue<double>(), ws.Cell(r, 7).GetValue<int>()));
        rows.Should().Equal((1, "Sở SNV", 5, 3, 8, 80, 1), (2, "Sở STP", 4, 4, 8, 80, 1), (3, "Sở STC", 3, null, 3, 50, 3));
        ws.Cell(AnnexWorkbook.HeaderRow + 1, 6).Style.NumberFormat.Format.Should().Be("0.00");
    }

    [Fact]
    public void The_english_annex_names_the_units_and_columns_in_english()
    {
        using var workbook = Write("en");
        var ws = workbook.Worksheet(1);
        ws.Cell(4, 1).GetString().Should().Be("ADMINISTRATIVE-REFORM INDEX 2023: DEPARTMENTS");
        ws.Cell(AnnexWorkbook.HeaderRow, 7).GetString().Should().Be("Rank");
        ws.Cell(AnnexWorkbook.HeaderRow + 3, 2).GetString().Should().Be("Department STC");
    }
}
