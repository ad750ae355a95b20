using HaNoi.ReformDashboard.Domain.Periods;

namespace HaNoi.ReformDashboard.Reports.Tests;

public sealed class ReportFilesTests
{
    [Fact]
    public void Download_name_is_Vietnamese_with_an_ASCII_fallback()
    {
        var name = ReportFileName.For(ReportKind.Report, Period.Quarter(2022, 4), "xlsx");

        name.Vietnamese.Should().Be("Báo cáo quý IV-2022.xlsx");
        name.Ascii.Should().Be("Bao-cao-quy-IV-2022.xlsx");
        name.ContentDisposition.Should().Be(
            "attachment; filename=\"Bao-cao-quy-IV-2022.xlsx\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20IV-2022.xlsx");
    }

    [Theory]
    [InlineData("2022-12", ReportKind.Scorecard, "Phường Hà Đông", "Bảng điểm tháng 12-2022 - Phường Hà Đông.pdf", "Bang-diem-thang-12-2022-Phuong-Ha-Dong.pdf")]
    [InlineData("2022-YTD-09", ReportKind.Report, null, "Báo cáo 9 tháng-2022.pdf", "Bao-cao-9-thang-2022.pdf")]
    [InlineData("2022", ReportKind.Report, "a/b:c\"d", "Báo cáo năm 2022 - a b c d.pdf", "Bao-cao-nam-2022-a-b-c-d.pdf")]
    public void Download_names_cover_every_period_and_drop_characters_a_header_or_file_system_refuses(
        string period, ReportKind kind, string? scope, string vietnamese, string ascii)
    {
        var name = ReportFileName.For(kind, Period.Parse(period), "pdf", scope);

        name.Vietnamese.Should().Be(vietnamese);
        name.Ascii.Should().Be(ascii);
    }

    [Fact]
    public async Task Writing_atomically_replaces_the_file_whole_and_leaves_no_temp_file()
    {
        var folder = Directory.CreateTempSubdirectory("reports-").FullName;
        var path = Path.Combine(folder, "Báo cáo.xlsx");
        await File.WriteAllTextAsync(path, "old");

        await ReportFiles.WriteAtomicallyAsync(path, async stream => await stream.WriteAsync("new"u8.ToArray()));

        (await File.ReadAllTextAsync(path)).Should().Be("new");
        Directory.GetFiles(folder).Should().ContainSingle();
    }

    [Fact]
    public async Task A_failed_write_leaves_the_previous_file_and_no_half_written_one()
    {
        var folder = Directory.CreateTempSubdirectory("reports-").FullName;
        var path = Path.Combine(folder, "report.pdf");
        await File.WriteAllTextAsync(path, "previous");

        var write = () => ReportFiles.WriteAtomicallyAsync(path, async stream =>
        {
            await stream.WriteAsync("half"u8.ToArray());
            throw new InvalidOperationException("generation failed");
        });

        await write.Should().ThrowAsync<InvalidOperationException>();
        (await File.ReadAllTextAsync(path)).Should().Be("previous");
        Directory.GetFiles(folder).Should().ContainSingle();
    }
}
